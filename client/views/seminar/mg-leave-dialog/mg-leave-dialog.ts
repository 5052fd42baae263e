import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { MgLeaveSeminarEvent } from '../../../events/leave-seminar.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * Asks a guest before signing them out: a guest has no password, so the account they joined
 * with cannot be entered again; coming back means joining anew with the seminar's code.
 * The page opens it with `show()`; it closes itself.
 *
 * @summary The guest's "sign out?" dialog.
 * @fires mg-leave-seminar - The guest confirmed; awaits the outcome.
 */
@customElement('mg-leave-dialog')
@localized()
export class MgLeaveDialog extends LitElement {
  static override styles = [
    shared,
    css`
      dialog {
        width: min(26rem, calc(100vw - 2rem));
        padding: 1.25rem;
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
      }
      p {
        line-height: 1.5;
      }
    `,
  ]

  @state() private busy = false
  @state() private error = ''

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog')
  }

  /** Opens the dialog. */
  show(): void {
    this.error = ''
    this.dialog?.showModal()
  }

  private dismiss() {
    this.dialog?.close()
  }

  private async handleConfirm() {
    if (this.busy) return
    this.busy = true
    this.error = ''
    try {
      await request(this, new MgLeaveSeminarEvent())
      this.dismiss()
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`<dialog aria-labelledby="leave-title" aria-describedby="leave-text">
      <h2 id="leave-title">${msg('Sign out of the seminar?')}</h2>
      <p id="leave-text">
        ${msg('You joined as a guest, without a password: once signed out, you cannot come back into this account. To take part again, you join anew with the seminar’s code, as a new guest.')}
      </p>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      <div class="actions">
        <button class="btn primary" ?disabled=${this.busy} @click=${this.handleConfirm}>${msg('Sign out')}</button>
        <button class="btn quiet" @click=${this.dismiss}>${msg('Stay signed in')}</button>
      </div>
    </dialog>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-leave-dialog': MgLeaveDialog
  }
}
