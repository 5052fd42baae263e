import { css } from 'lit'
import { shared } from '../../styles/shared.ts'

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    .page {
      min-height: 100vh;
      display: grid;
      grid-template-rows: auto 1fr auto;
    }
    .skip:focus {
      position: absolute;
      top: 0.5rem;
      left: 0.5rem;
      z-index: 9;
      padding: 0.5rem 0.9rem;
      background: var(--mg-text);
      color: var(--mg-bg);
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      max-width: 64rem;
      width: 100%;
      margin: 0 auto;
      padding: 0.85rem 1.25rem;
    }
    .brand {
      font-family: var(--mg-font-text);
      font-size: 1.2rem;
      font-weight: 600;
      font-style: italic;
      letter-spacing: 0.01em;
      color: var(--mg-text);
      text-decoration: none;
    }
    .tools,
    .account {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .user {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .user [aria-hidden] {
      color: var(--mg-pro);
      font-size: 0.7rem;
    }
    .menu {
      position: relative;
    }
    .menu .user {
      display: block;
      max-width: 7rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .panel {
      position: absolute;
      top: 110%;
      right: 0;
      z-index: 9;
      padding: 0.5rem;
      border: 1px solid var(--mg-rule);
      border-radius: 14px;
      background: var(--mg-raised);
      color: var(--mg-text);
    }
    .panel[hidden] {
      display: none;
    }
    main {
      width: 100%;
      max-width: 64rem;
      margin: 0 auto;
      padding: 2rem 1.25rem 4rem;
    }
    main:focus {
      outline: none;
    }
    footer {
      border-top: 1px solid var(--mg-rule);
    }
    footer p {
      max-width: 64rem;
      margin: 0 auto;
      padding: 1.25rem;
      font-size: 0.8rem;
      color: var(--mg-muted);
    }
    .away {
      position: fixed;
      inset-inline: 0.75rem;
      bottom: 0.75rem;
      z-index: 20;
      max-width: 26rem;
      margin-inline: auto;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mg-rule);
      border-radius: 0.5rem;
      background: var(--mg-raised);
      box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
    }
    .away ul {
      margin: 0.35rem 0 0.5rem;
      padding-inline-start: 1.1rem;
    }
    @media (min-width: 62rem) {
      main {
        padding-top: 3.5rem;
      }
      mg-essay,
      mg-debate-list {
        margin-inline-start: 2rem;
      }
    }
    @media (max-width: 30rem) {
      .bar {
        flex-wrap: nowrap;
        padding: 0.6rem 0.9rem;
      }
      .tools {
        flex-wrap: nowrap;
      }
      main {
        padding: 1.25rem 0.9rem 3rem;
      }
    }
    /* A printed page (the record saved as PDF) is the document alone. */
    @media print {
      .bar {
        display: none;
      }
    }
  `,
]
