import { localized } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { shared } from '../../styles/shared.ts'
import { renderMarkdown } from './render.ts'

/**
 * How rendered Markdown is set, scoped to `.md`: shared with elements that render Markdown
 * in their own shadow root (a thread's comments) rather than through this element.
 */
export const markdownStyles = css`
  .md {
    display: block;
    font-family: var(--mg-font-text);
    font-size: 1.0625rem;
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  .md :is(p, ul, ol, blockquote, pre, .table) {
    margin: 0 0 0.6em;
  }
  .md :is(p, ul, ol, blockquote, pre, .table):last-child {
    margin-bottom: 0;
  }
  .md :is(ul, ol) {
    padding-inline-start: 1.4em;
  }
  .md blockquote {
    padding-inline-start: 0.85em;
    border-inline-start: 3px solid var(--mg-rule);
    color: var(--mg-muted);
  }
  .md :is(code, pre) {
    font-family: var(--mg-font-mono);
    font-size: 0.875em;
  }
  .md code {
    padding: 0.05em 0.3em;
    border-radius: 4px;
    background: var(--mg-surface);
  }
  .md pre {
    padding: 0.6em 0.8em;
    overflow-x: auto;
    border-radius: 6px;
    background: var(--mg-surface);
  }
  .md pre code {
    padding: 0;
    background: none;
  }
  .md .raw {
    white-space: pre-wrap;
    font-family: var(--mg-font-mono);
    font-size: 0.875em;
  }
  .md .table {
    overflow-x: auto;
  }
  .md table {
    border-collapse: collapse;
    font-size: 0.95em;
  }
  .md :is(th, td) {
    padding: 0.25em 0.6em;
    border: 1px solid var(--mg-rule);
    text-align: start;
  }
  .md hr {
    border: 0;
    border-top: 1px solid var(--mg-rule);
  }
`

/**
 * Shows a comment's Markdown, safely: see `render.ts` for what is allowed through.
 *
 * @summary Sanitised Markdown as Lit templates.
 */
@customElement('mg-markdown')
@localized()
export class MgMarkdown extends LitElement {
  static override styles = [
    shared,
    markdownStyles,
    css`
      :host {
        display: block;
      }
    `,
  ]

  /** The Markdown source. */
  @property() source = ''

  override render() {
    return html`<div class="md">${renderMarkdown(this.source)}</div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-markdown': MgMarkdown
  }
}
