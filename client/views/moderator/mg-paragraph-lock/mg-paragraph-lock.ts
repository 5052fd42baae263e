import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLockParagraphEvent } from '../../../events/lock-paragraph.ts'
import { errorMessage } from '../../../services/errors.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * A moderator's lock for one paragraph's thread, in the thread's header beside its Close
 * button: locked, its arguments stay readable but take no new ones, replies or votes.
 * Every open page shows the change through the `paragraph.locked` live event.
 *
 * @summary Lock or unlock a paragraph's thread.
 * @fires mg-lock-paragraph - The moderator locks or unlocks the thread; awaits the outcome.
 */
@customElement('mg-paragraph-lock')
@localized()
export class MgParagraphLock extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        margin-inline-start: auto;
      }
      .error {
        color: var(--mg-danger);
        font-size: 0.9rem;
      }
    `,
  ]

  /** The paragraph's anchor. */
  @property() anchor = ''
  /** The paragraph's number in the essay, for the button's name. */
  @property({ type: Number }) number = 0
  /** The thread is locked now. */
  @property({ type: Boolean }) locked = false

  @state() private busy = false
  @state() private error = ''

  private async handleClick() {
    this.busy = true
    this.error = ''
    const event = new MgLockParagraphEvent(this.anchor, !this.locked)
    this.dispatchEvent(event)
    try {
      await event.response
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    const n = this.number
    const label = this.locked ? msg(str`Unlock the debate on paragraph ${n}`) : msg(str`Lock the debate on paragraph ${n}`)
    return html`${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      <button class="btn quiet" aria-label=${label} ?disabled=${this.busy} @click=${this.handleClick}>
        ${this.locked ? msg('Unlock') : msg('Lock')}
      </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-paragraph-lock': MgParagraphLock
  }
}
