import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { MgNavigateEvent } from '../../events/navigate.ts'
import type { DebateSummary, User } from '../../services/types.ts'
import { normalizeJoinCode } from '../../services/seminar-room.ts'
import type { Status } from '../../state/common.ts'
import { shared } from '../../styles/shared.ts'

/**
 * The start page: every debate the reader may read, each linking to its essay; joining a
 * seminar with a code, and for signed-in account holders, starting one.
 *
 * @summary The list of debates.
 * @fires mg-navigate - A join code was entered: its join page opens.
 * The form that starts a seminar (`mg-seminar-start`) loads with the seminar's views.
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
      .seminar {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.75rem 1.5rem;
        margin: 0 0 2rem;
      }
      .join {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem;
      }
      .join label {
        display: grid;
        gap: 0.3rem;
        font-size: 0.9rem;
        font-weight: 600;
      }
      .join input {
        width: 11rem;
        min-height: 2.25rem;
        padding: 0.3rem 0.6rem;
        border: 1px solid var(--mg-muted);
        border-radius: 8px;
        background: var(--mg-raised);
        color: var(--mg-text);
        font: inherit;
        text-transform: uppercase;
        letter-spacing: 0.06em;
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
  /** The signed-in reader; account holders may start a seminar. */
  @property({ attribute: false }) user: User | null = null

  private handleJoin(e: SubmitEvent) {
    e.preventDefault()
    const input = (e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement
    const code = normalizeJoinCode(input.value)
    if (!/^[A-Z0-9]{1,32}$/.test(code)) {
      input.setAttribute('aria-invalid', 'true')
      input.focus()
      return
    }
    this.dispatchEvent(new MgNavigateEvent(`/join/${code}`))
  }

  /** Each essay once, for starting a seminar on it. */
  private essays() {
    const seen = new Map<string, { slug: string; title: string }>()
    for (const d of this.debates) if (!seen.has(d.essay.slug)) seen.set(d.essay.slug, d.essay)
    return [...seen.values()]
  }

  override render() {
    const canStart = this.user !== null && !this.user.guest && this.status === 'ready'
    return html`<h1>${msg('Debates')}</h1>
      <p class="intro">${msg('Essays to read paragraph by paragraph, with the arguments for and against each one beside it.')}</p>
      <div class="seminar">
        <form class="join" @submit=${this.handleJoin}>
          <label>${msg('Join with a code')} <input name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" placeholder="ABCD-EFGH" /></label>
          <button class="btn" type="submit">${msg('Join')}</button>
        </form>
        ${canStart ? html`<mg-seminar-start .essays=${this.essays()}></mg-seminar-start>` : ''}
      </div>
      ${
        this.status === 'error'
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
                        >${d.comments === 1 ? msg('1 argument') : msg(str`${d.comments} arguments`)}${
                          d.state === 'locked' ? html` · ${msg('locked')}` : ''
                        }</span
                      >
                    </a>
                  </li>`,
                )}
              </ul>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-debate-list': MgDebateList
  }
}
