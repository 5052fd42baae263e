import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadLogEvent } from '../../../events/load-log.ts'
import type { LogEntry } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { absoluteTime } from '../../../services/format.ts'
import { shared } from '../../../styles/shared.ts'

const ACTIONS = [
  'hide',
  'unhide',
  'auto-hide',
  'pin',
  'unpin',
  'delete',
  'remove',
  'approve',
  'keep',
  'return',
  'reattach',
  'settings',
  'lock',
  'unlock',
  'lock-paragraph',
  'unlock-paragraph',
  'appoint',
  'dismiss',
  'mute',
  'unmute',
  'ban',
  'unban',
  'watch-word',
  'unwatch-word',
]

/**
 * The debate's moderation log: who did what to which comment or member, when and why,
 * newest first, narrowed to one kind of action if wanted, and downloadable as CSV with the
 * same filter.
 *
 * @summary The moderation log.
 * @fires mg-load-log - Asks for the entries (on first render and on each filter change).
 */
@customElement('mg-mod-log')
@localized()
export class MgModLog extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      table {
        width: 100%;
        margin-top: 0.5rem;
        border-collapse: collapse;
        font-size: 0.85rem;
      }
      th,
      td {
        padding: 0.25rem 0.4rem;
        border-bottom: 1px solid var(--mg-rule);
        text-align: start;
      }
      select {
        font: inherit;
      }
    `,
  ]

  /** The debate's slug, for the CSV link. */
  @property() debate = ''

  @state() private action = ''
  @state() private entries: LogEntry[] = []
  @state() private error = ''

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    const event = new MgLoadLogEvent(this.action)
    this.dispatchEvent(event)
    try {
      this.entries = await event.response
      this.error = ''
    } catch (err) {
      this.error = errorMessage(err)
    }
  }

  private handleFilter(e: Event) {
    this.action = (e.target as HTMLSelectElement).value
    void this.load()
  }

  override render() {
    const csv = `/api/debates/${encodeURIComponent(this.debate)}/moderation/log?format=csv${this.action ? `&action=${encodeURIComponent(this.action)}` : ''}`
    return html`<section aria-labelledby="log-title">
      <div class="row">
        <h3 id="log-title">${msg('Moderation log')}</h3>
        <label for="log-action">${msg('Action')}</label>
        <select id="log-action" @change=${this.handleFilter}>
          <option value="">${msg('All')}</option>
          ${ACTIONS.map((a) => html`<option value=${a} ?selected=${a === this.action}>${a}</option>`)}
        </select>
        <a href=${csv} download>${msg('Download CSV')}</a>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.entries.length
          ? html`<table>
            <thead>
              <tr><th>${msg('When')}</th><th>${msg('Who')}</th><th>${msg('Action')}</th><th>${msg('Target')}</th><th>${msg('Reason')}</th></tr>
            </thead>
            <tbody>
              ${this.entries.map(
                (e) => html`<tr>
                  <td><time datetime=${e.at}>${absoluteTime(e.at)}</time></td>
                  <td>${e.actor.username}</td>
                  <td>${e.action}</td>
                  <td>${e.target.type} ${e.target.id}</td>
                  <td>${e.reason ?? ''}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p>${msg('No entries.')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-mod-log': MgModLog
  }
}
