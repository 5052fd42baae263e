import { css } from 'lit'
import { shared } from '../../styles/shared.ts'
import { commentStyles } from '../mg-comment/mg-comment.styles.ts'
import { markdownStyles } from '../mg-markdown/mg-markdown.ts'
import { personMarkStyles } from '../person-marks.ts'

export const styles = [
  shared,
  markdownStyles,
  commentStyles,
  personMarkStyles,
  css`
    :host {
      display: block;
    }
    .thread {
      display: grid;
      gap: 1.1rem;
      padding: 1rem 1rem 1.25rem;
      border-radius: 14px;
      background: var(--mg-surface);
      border: 1px solid var(--mg-rule);
    }
    .thread > header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .heading {
      font-size: 1rem;
      font-weight: 700;
      letter-spacing: 0.01em;
    }
    .heading:focus {
      outline: none;
    }
    .heading:focus-visible {
      outline: 3px solid var(--mg-focus);
      outline-offset: 3px;
    }
    .composer {
      padding: 0.9rem;
      border-radius: 10px;
      background: var(--mg-raised);
      border: 1px solid var(--mg-rule);
    }
    .note,
    .status,
    .count {
      margin: 0;
      font-size: 0.9rem;
      color: var(--mg-muted);
    }
    .note {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.5rem;
    }
    .tools fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .tools legend {
      padding: 0;
      margin-bottom: 0.3rem;
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--mg-muted);
    }
    .segmented {
      display: inline-flex;
      flex-wrap: wrap;
      border: 1px solid var(--mg-rule);
      border-radius: 999px;
      overflow: hidden;
      background: var(--mg-raised);
    }
    .segmented label {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: 2rem;
      padding: 0.2rem 0.75rem;
      font-size: 0.825rem;
      cursor: pointer;
    }
    .segmented label + label {
      border-inline-start: 1px solid var(--mg-rule);
    }
    .segmented input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .segmented label:has(input:checked) {
      font-weight: 700;
      background: var(--mg-text);
      color: var(--mg-bg);
    }
    .segmented label:has(input:focus-visible) {
      outline: 3px solid var(--mg-focus);
      outline-offset: -3px;
      border-radius: 999px;
    }
    .arguments,
    .replies {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .replies {
      margin: 0.6rem 0 0 0.9rem;
      padding-inline-start: 0.9rem;
      border-inline-start: 2px solid var(--mg-rule);
    }
    .new {
      display: block;
      margin: 0 auto 0.75rem;
    }
    .live {
      margin: 0.75rem 0 0;
      font-size: 0.85rem;
      font-style: italic;
      color: var(--mg-muted);
      display: flex;
      gap: 1rem;
      flex-wrap: wrap;
    }
    .live:empty {
      display: none;
    }
    @media (max-width: 30rem) {
      .thread {
        padding: 0.75rem 0.6rem 1rem;
        border-radius: 10px;
      }
      .replies {
        margin-inline-start: 0.25rem;
        padding-inline-start: 0.6rem;
      }
    }
  `,
]
