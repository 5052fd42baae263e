import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Connection } from '../../services/live.ts'
import { shared } from '../../styles/shared.ts'

/**
 * The live connection, told quietly in the page's bar: a dot and a word for its state, and
 * how many are reading the debate (on a phone the dot alone, its words for screen readers).
 * A lost connection is said plainly until it is back.
 *
 * @summary Connection state and readers online.
 */
@customElement('mg-live-status')
@localized()
export class MgLiveStatus extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-flex;
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
      .offline {
        color: var(--mg-text);
        font-weight: 600;
      }
      .offline .dot {
        background: var(--mg-contra);
      }
    `,
  ]

  /** The connection's state. */
  @property() connection: Connection = 'offline'
  /** Readers of the debate (null: unknown). */
  @property({ attribute: false }) online: number | null = null
  /** Only the dot is shown, its words told to screen readers (in a phone's header). */
  @property({ type: Boolean }) compact = false

  override render() {
    const word =
      this.connection === 'online' ? msg('Live') : this.connection === 'connecting' ? msg('Connecting…') : msg('Offline, reconnecting…')
    const readers = this.connection === 'online' && this.online !== null ? msg(str`${this.online} online`) : ''
    return html`<span class="state ${this.connection}">
      <span class="dot" aria-hidden="true"></span><span class=${this.compact ? 'vh' : ''}>${word}${readers ? html` · ${readers}` : nothing}</span>
    </span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-live-status': MgLiveStatus
  }
}
