/**
 * A comment's styles. Comments render into their thread's shadow root (see mg-comment.ts),
 * so the thread adopts these along with its own; every rule is scoped to `mg-comment`.
 */
import { css } from 'lit'

export const commentStyles = css`
    mg-comment {
      display: block;
      /* Long threads: comments out of view are neither styled nor laid out until scrolled to. */
      content-visibility: auto;
      contain-intrinsic-size: auto 8rem;
    }
    mg-comment .comment {
      padding: 0.75rem 0.9rem 0.5rem;
      border-radius: 10px;
      background: var(--mg-raised);
      border: 1px solid var(--mg-rule);
    }
    mg-comment .comment:focus {
      outline: none;
    }
    mg-comment .comment:focus-visible {
      outline: 3px solid var(--mg-focus);
      outline-offset: 2px;
    }
    mg-comment .flash {
      animation: flash 2.4s ease-out;
    }
    @keyframes flash {
      0%,
      40% {
        background: var(--mg-highlight);
      }
      100% {
        background: var(--mg-raised);
      }
    }
    mg-comment header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.6rem;
      margin-bottom: 0.45rem;
      font-size: 0.85rem;
      color: var(--mg-muted);
    }
    mg-comment .author {
      font-weight: 600;
      color: var(--mg-text);
    }
    mg-comment .tag {
      padding: 0 0.4rem;
      border: 1px solid var(--mg-rule);
      border-radius: 4px;
      font-size: 0.75rem;
    }
    mg-comment .permalink {
      margin-inline-start: auto;
      padding: 0.1rem 0.45rem;
      border-radius: 4px;
      color: var(--mg-muted);
      text-decoration: none;
    }
    mg-comment .permalink:hover {
      color: var(--mg-link);
      background: var(--mg-surface);
    }
    mg-comment .outdated {
      margin: 0 0 0.6rem;
      font-size: 0.85rem;
      color: var(--mg-muted);
    }
    mg-comment .outdated p {
      margin: 0 0 0.25rem;
    }
    mg-comment .outdated blockquote {
      margin: 0;
      padding-inline-start: 0.75rem;
      border-inline-start: 3px solid var(--mg-rule);
      font-family: var(--mg-font-text);
      font-style: italic;
      hyphens: auto;
    }
    mg-comment .reason {
      margin: 0 0 0.5rem;
      font-size: 0.85rem;
      color: var(--mg-muted);
    }
    mg-comment .deleted {
      margin: 0;
      font-style: italic;
      color: var(--mg-muted);
    }
    mg-comment .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.15rem 0.25rem;
      margin: 0.35rem -0.5rem 0;
    }
    mg-comment .actions .btn {
      min-height: 2rem;
      padding: 0.2rem 0.6rem;
      font-size: 0.825rem;
    }
    mg-comment .vote {
      font-variant-numeric: tabular-nums;
    }
    mg-comment .vote[aria-pressed='true'] {
      color: var(--mg-link);
      font-weight: 700;
      border-color: var(--mg-rule);
      background: var(--mg-surface);
    }
    mg-comment .confirm {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
      font-size: 0.825rem;
    }
    mg-comment .edit {
      display: grid;
      gap: 0.4rem;
    }
    mg-comment .edit label {
      font-size: 0.85rem;
      font-weight: 600;
    }
    mg-comment .edit textarea {
      width: 100%;
      padding: 0.5rem 0.65rem;
      border: 1px solid var(--mg-muted);
      border-radius: 8px;
      background: var(--mg-raised);
      color: var(--mg-text);
      font: 1rem/1.5 var(--mg-font-text);
    }
    mg-comment .row {
      display: flex;
      gap: 0.4rem;
    }
    mg-comment .reply-composer {
      margin: 0.6rem 0 0 1rem;
      padding: 0.75rem 0.9rem;
      border-inline-start: 3px solid var(--mg-rule);
    }
  `
