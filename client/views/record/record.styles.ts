/**
 * What the record's sections share: their frame and heading, the tables (full width, a rule
 * under each row, numbers aligned right), and the print rules that make the record a clean
 * document when saved as PDF — no controls, forms or download links, tables full width and
 * no row split across pages. The colours turn black on white in client/styles/global.css.
 */
import { css } from 'lit'

export const recordSection = css`
  :host {
    display: block;
    margin-top: 2rem;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.6rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.2rem 0 0.4rem;
  }
  .meta {
    color: var(--mg-muted);
    font-size: 0.9rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0.3rem 0;
  }
  th,
  td {
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--mg-rule);
    text-align: start;
    vertical-align: top;
  }
  td.n,
  th.n {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-block;
    padding: 0 0.4em;
    border: 1px solid var(--mg-muted);
    border-radius: 4px;
    font-size: 0.8rem;
    color: var(--mg-muted);
  }
  @media print {
    :host {
      margin-top: 1.2rem;
    }
    button:not(.sort),
    form,
    input,
    select,
    .controls,
    .downloads {
      display: none !important;
    }
    .table-wrap {
      overflow: visible;
    }
    /* Every column on the page's width, however many: narrow ones wrap their words. */
    table {
      width: 100%;
      table-layout: fixed;
      font-size: 8pt;
    }
    th,
    td {
      padding: 0.15rem 0.25rem;
      overflow-wrap: anywhere;
    }
    tr,
    li {
      break-inside: avoid;
    }
    h2,
    h3 {
      break-after: avoid;
    }
  }
`
