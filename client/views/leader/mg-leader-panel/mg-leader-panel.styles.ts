import { css } from 'lit'
import { shared } from '../../../styles/shared.ts'
import { controlRow, panelHeading } from '../../../styles/views.ts'
import { personMarkStyles } from '../../../components/person-marks.ts'

export const styles = [
  shared,
  personMarkStyles,
  panelHeading,
  controlRow,
  css`
    :host {
      display: block;
      max-width: 40rem;
      margin-bottom: 1.5rem;
    }
    .panel {
      padding: 0.75rem 1rem 1rem;
      border: 1px solid var(--mg-rule);
      border-radius: 10px;
      background: var(--mg-surface);
    }
    h2 {
      font-size: 1.1rem;
      margin: 0 0 0.25rem;
    }
    section {
      padding: 0.6rem 0;
      border-top: 1px solid var(--mg-rule);
    }
    .mode,
    .meta {
      margin: 0 0 0.5rem;
      color: var(--mg-muted);
      font-size: 0.875rem;
    }
    ol.steps {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin: 0;
      padding: 0;
      list-style: none;
      counter-reset: step;
    }
    ol.steps li {
      display: flex;
      align-items: center;
      gap: 0.3rem;
    }
    ol.steps li + li::before {
      content: '→';
      color: var(--mg-muted);
    }
    .btn[aria-current='step'] {
      background: var(--mg-text);
      border-color: var(--mg-text);
      color: var(--mg-bg);
      font-weight: 700;
    }
    .confirm {
      margin-top: 0.5rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--mg-danger);
      border-radius: 8px;
      background: var(--mg-raised);
    }
    .confirm p {
      margin: 0 0 0.4rem;
    }
    select,
    input {
      font: inherit;
      font-size: 0.9rem;
      padding: 0.25rem 0.4rem;
      border: 1px solid var(--mg-muted);
      border-radius: 6px;
      background: var(--mg-bg);
      color: var(--mg-text);
    }
    input[type='number'] {
      width: 6rem;
    }
    .code {
      font-family: var(--mg-font-mono);
      font-size: 1.4rem;
      font-weight: 700;
      letter-spacing: 0.08em;
    }
    .link {
      word-break: break-all;
    }
    ul.queue {
      margin: 0.3rem 0 0.5rem;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.3rem;
    }
    ul.queue li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      padding: 0.3rem 0.6rem;
      border: 1px solid var(--mg-rule);
      border-radius: 8px;
      background: var(--mg-raised);
    }
    ul.queue .who {
      flex: 1;
    }
    .timer {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
    }
    details {
      border-top: 1px solid var(--mg-rule);
      padding: 0.5rem 0 0;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
    }
  `,
]
