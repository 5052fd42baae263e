import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { MgDismissAwayEvent } from '../../events/dismiss-away.ts'
import type { Connection } from '../../services/live.ts'
import type { AwaySummary } from '../../state/live.ts'
import { shared } from '../../styles/shared.ts'

/**
 * The live connection, told quietly in the page's bar: a dot and a word for its state, and
 * how many are reading the debate (on a phone the dot alone, its words for screen readers).
 * After a long absence it also shows what happened meanwhile, per paragraph, until dismissed
 * (the same summary is announced to screen readers by the page's status region).
 *
 * @summary Connection state, readers online and the "while you were away" summary.
 * @fires mg-dismiss-away - The reader closes the summary.
 */
@customElement('mg-live-status')
@localized()
export class MgLiveStatus extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 0.35rem;
        font-size: 0.85rem;
        color: var(--mg-muted);
      }
      .state {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      .dot {
        width: 0.55rem;
        height: 0.55rem;
        border-radius: 50%;
        background: #8a8a8a;
      }
      .online .dot {
        background: var(--mg-pro);
      }
      .connecting .dot {
        background: #b26a00;
      }
      .away {
        border: 1px solid currentColor;
        border-radius: 0.4rem;
        padding: 0.4rem 0.6rem;
        background: var(--mg-raised);
        color: var(--mg-text);
      }
      .away ul {
        margin: 0.25rem 0;
        padding-left: 1.1rem;
      }
    `,
  ]

  /** The connection's state. */
  @property() connection: Connection = 'offline'
  /** Readers of the debate (null: unknown). */
  @property({ attribute: false }) online: number | null = null
  /** New arguments per paragraph number since the reader was last here. */
  @property({ attribute: false }) away: AwaySummary | null = null
  /** Only the dot is shown, its words told to screen readers (in a phone's header). */
  @property({ type: Boolean }) compact = false
  /** The paragraph number of an anchor, for the summary. */
  @property({ attribute: false }) numberOf: (anchor: string) => number = () => 0

  private renderState() {
    const word =
      this.connection === 'online' ? msg('Live') : this.connection === 'connecting' ? msg('Connecting…') : msg('Offline, reconnecting…')
    const readers = this.connection === 'online' && this.online !== null ? msg(str`${this.online} online`) : ''
    return html`<span class="state ${this.connection}">
      <span class="dot" aria-hidden="true"></span><span class=${this.compact ? 'vh' : ''}>${word}${readers ? html` · ${readers}` : nothing}</span>
    </span>`
  }

  private renderAway() {
    if (!this.away) return nothing
    return html`<div class="away" role="group" aria-label=${msg('While you were away')}>
      <strong>${msg('While you were away')}</strong>
      <ul>
        ${Object.entries(this.away).map(([anchor, { pro, contra }]) => {
          const n = this.numberOf(anchor)
          return html`<li>${msg(str`Paragraph ${n}: ${pro} new pro, ${contra} new contra.`)}</li>`
        })}
      </ul>
      <button class="btn quiet" @click=${() => this.dispatchEvent(new MgDismissAwayEvent())}>${msg('Dismiss')}</button>
    </div>`
  }

  override render() {
    return html`${this.renderState()} ${this.renderAway()}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-live-status': MgLiveStatus
  }
}
