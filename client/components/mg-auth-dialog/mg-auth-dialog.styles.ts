import { css } from 'lit'
import { flushError, shared } from '../../styles/shared.ts'

export const styles = [
  shared,
  flushError,
  css`
    dialog {
      width: min(24rem, calc(100vw - 2rem));
      padding: 1.5rem;
      box-shadow: 0 20px 60px rgb(0 0 0 / 0.25);
    }
    form {
      display: grid;
      gap: 1rem;
    }
    h2 {
      margin: 0;
      font-family: var(--mg-font-text);
      font-size: 1.5rem;
      font-weight: 600;
    }
    .field {
      display: grid;
      gap: 0.3rem;
    }
    label {
      font-size: 0.875rem;
      font-weight: 600;
    }
    input {
      min-height: 2.5rem;
      padding: 0.4rem 0.65rem;
      border: 1px solid var(--mg-muted);
      border-radius: 8px;
      background: var(--mg-bg);
      color: var(--mg-text);
      font: inherit;
    }
    input[aria-invalid='true'] {
      border-color: var(--mg-danger);
      border-width: 2px;
    }
    .hint {
      margin: 0;
      font-size: 0.8rem;
      color: var(--mg-muted);
    }
    .alert:empty {
      display: none;
    }
    .switch {
      margin: 0;
      font-size: 0.875rem;
      color: var(--mg-muted);
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--mg-link);
      text-decoration: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
    }
  `,
]
