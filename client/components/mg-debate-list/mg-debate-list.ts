import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { DebateSummary } from '../../services/api.ts'
import type { Status } from '../../state/store.ts'
import { shared } from '../../styles/shared.ts'

/**
 * The start page: every debate the reader may read, each linking to its essay.
 *
 * @summary The list of debates.
 */
@customElement('mg-debate-list')
@localized()
export class MgDebateList extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        max-width: 40rem;
      }
      h1 {
        margin: 0 0 0.5rem;
        font-family: var(--mg-font-text);
        font-size: 2.2rem;
        font-weight: 600;
      }
      .intro {
        margin: 0 0 2rem;
        font-family: var(--mg-font-text);
        font-size: 1.15rem;
        line-height: 1.55;
        color: var(--mg-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      a {
        display: block;
        padding: 1.1rem 1.25rem;
        border: 1px solid var(--mg-rule);
        border-radius: 12px;
        background: var(--mg-raised);
        color: var(--mg-text);
        text-decoration: none;
      }
      a:hover {
        border-color: var(--mg-muted);
      }
      .title {
        display: block;
        font-family: var(--mg-font-text);
        font-size: 1.35rem;
        font-weight: 600;
        line-height: 1.3;
      }
      .meta {
        display: block;
        margin-top: 0.4rem;
        font-size: 0.85rem;
        color: var(--mg-muted);
      }
    `,
  ]

  /** The debates. */
  @property({ attribute: false }) debates: readonly DebateSummary[] = []
  /** Whether they are still loading, or failed to. */
  @property() status: Status | 'idle' = 'idle'

  override render() {
    return html`<h1>${msg('Debates')}</h1>
      <p class="intro">${msg('Essays to read paragraph by paragraph, with the arguments for and against each one beside it.')}</p>
      ${this.status === 'error'
        ? html`<p role="alert">${msg('The debates could not be loaded.')}</p>`
        : this.status !== 'ready'
          ? html`<p aria-busy="true">${msg('Loading…')}</p>`
          : this.debates.length === 0
            ? html`<p>${msg('There are no debates yet.')}</p>`
            : html`<ul>
                ${this.debates.map(
                  (d) => html`<li>
                    <a href="/d/${d.slug}">
                      <span class="title" lang="de">${d.title}</span>
                      <span class="meta"
                        >${d.comments === 1 ? msg('1 argument') : msg(str`${d.comments} arguments`)}${d.state === 'locked'
                          ? html` · ${msg('locked')}`
                          : ''}</span
                      >
                    </a>
                  </li>`,
                )}
              </ul>`}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-debate-list': MgDebateList
  }
}
