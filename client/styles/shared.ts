/**
 * Styles several elements share. `shared`, which every element adopts first: the focus ring,
 * visually hidden text, buttons and the row they stand in, a dialog's frame and backdrop, and
 * the stance colours (always paired with a word or sign, never colour alone). Then the
 * fragments only some elements want, adopted after `shared`, so that an element's own rules
 * still come last; those only lazy views want are in views.ts, out of the readers' bundle.
 */
import { css } from 'lit'

export const shared = css`
  :host {
    font-family: var(--mg-font-ui);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--mg-focus);
    outline-offset: 2px;
    border-radius: 3px;
  }
  /* Out of sight (but not off the page); the skip link until it is focused. */
  .vh,
  .skip:not(:focus) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  a {
    color: var(--mg-link);
    text-underline-offset: 0.15em;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.85rem;
    border: 1px solid var(--mg-rule);
    border-radius: 999px;
    background: var(--mg-raised);
    color: var(--mg-text);
    font-size: 0.9rem;
    line-height: 1.2;
    cursor: pointer;
  }
  .btn:hover {
    border-color: var(--mg-muted);
  }
  .btn[disabled] {
    cursor: default;
    opacity: 0.75;
  }
  .btn.primary {
    background: var(--mg-text);
    border-color: var(--mg-text);
    color: var(--mg-bg);
    font-weight: 600;
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--mg-muted);
  }
  .btn.quiet:hover {
    color: var(--mg-text);
    border-color: var(--mg-rule);
  }
  .btn.danger {
    border-color: var(--mg-danger);
    color: var(--mg-danger);
  }
  .actions {
    display: flex;
    gap: 0.5rem;
  }
  dialog {
    border: 1px solid var(--mg-rule);
    border-radius: 14px;
    background: var(--mg-raised);
    color: var(--mg-text);
  }
  dialog::backdrop {
    background: rgb(20 18 14 / 0.45);
  }
  .stance {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0.05rem 0.55rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    white-space: nowrap;
  }
  .stance.pro {
    color: var(--mg-pro);
    background: var(--mg-pro-soft);
  }
  .stance.contra {
    color: var(--mg-contra);
    background: var(--mg-contra-soft);
  }
  .stance.neutral {
    color: var(--mg-neutral);
    background: var(--mg-neutral-soft);
  }
  .error {
    color: var(--mg-danger);
    font-size: 0.875rem;
    margin: 0.35rem 0 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`

/** An error in a form that spaces its parts itself (a grid's gap), so the error keeps no margin. */
export const flushError = css`
  .error {
    margin: 0;
  }
`

/** A fieldset that only groups its controls: no frame, no indent, and free to shrink. */
export const bareFieldset = css`
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
`

/** A textarea on the page's background, in the surrounding text's font. */
export const plainTextarea = css`
  textarea {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--mg-muted);
    border-radius: 6px;
    background: var(--mg-bg);
    color: var(--mg-text);
  }
`
