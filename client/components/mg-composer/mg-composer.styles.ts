import { css } from 'lit'
import { bareFieldset, shared } from '../../styles/shared.ts'

export const styles = [
  shared,
  bareFieldset,
  css`
    :host {
      display: block;
    }
    form {
      display: grid;
      gap: 0.75rem;
    }
    legend,
    label[for='body'] {
      padding: 0;
      margin-bottom: 0.4rem;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .required {
      font-weight: 400;
      color: var(--mg-muted);
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .choice {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      min-height: 2.25rem;
      padding: 0.3rem 0.85rem 0.3rem 0.6rem;
      border: 1px solid var(--mg-rule);
      border-radius: 999px;
      background: var(--mg-raised);
      font-size: 0.9rem;
      cursor: pointer;
    }
    .choice input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .choice:has(input:focus-visible) {
      outline: 3px solid var(--mg-focus);
      outline-offset: 2px;
    }
    .choice.pro {
      --c: var(--mg-pro);
      --soft: var(--mg-pro-soft);
    }
    .choice.contra {
      --c: var(--mg-contra);
      --soft: var(--mg-contra-soft);
    }
    .choice.neutral {
      --c: var(--mg-neutral);
      --soft: var(--mg-neutral-soft);
    }
    .sign {
      display: inline-grid;
      place-items: center;
      width: 1.2rem;
      height: 1.2rem;
      border-radius: 50%;
      font-weight: 700;
      line-height: 1;
      color: var(--c);
      background: var(--soft);
    }
    .choice:has(input:checked) {
      font-weight: 700;
      border-width: 2px;
      border-color: var(--c);
      color: var(--c);
      padding: calc(0.3rem - 1px) calc(0.85rem - 1px) calc(0.3rem - 1px) calc(0.6rem - 1px);
    }
    /* The chosen chip's sign turns solid: the stance's colour behind it, the sign in the chip's own. */
    .choice:has(input:checked) .sign {
      background: var(--c);
      color: var(--mg-raised);
    }
    fieldset.invalid .choice {
      border-color: var(--mg-danger);
    }
    .field-head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .small {
      min-height: 2rem;
      font-size: 0.8rem;
    }
    .btn.quiet[aria-pressed='true'] {
      color: var(--mg-text);
      border-color: var(--mg-rule);
      background: var(--mg-surface);
    }
    textarea {
      display: block;
      width: 100%;
      min-height: 6rem;
      padding: 0.6rem 0.75rem;
      border: 1px solid var(--mg-muted);
      border-radius: 8px;
      background: var(--mg-raised);
      color: var(--mg-text);
      font-family: var(--mg-font-text);
      font-size: 1.0625rem;
      line-height: 1.5;
      resize: vertical;
    }
    textarea[hidden] {
      display: none;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--mg-danger);
      border-width: 2px;
    }
    .preview {
      min-height: 6rem;
      padding: 0.6rem 0.75rem;
      border: 1px dashed var(--mg-rule);
      border-radius: 8px;
      background: var(--mg-raised);
    }
    .empty {
      margin: 0;
      color: var(--mg-muted);
      font-style: italic;
    }
    .hint {
      margin: 0.35rem 0 0;
      font-size: 0.8rem;
      color: var(--mg-muted);
    }
    .notice {
      color: var(--mg-text);
    }
    .actions {
      flex-wrap: wrap;
      align-items: center;
    }
    .form-error:empty {
      display: none;
    }
  `,
]
