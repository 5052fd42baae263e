import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MgDismissEvent } from '../../events/dismiss.ts'
import { MgFlagEvent } from '../../events/flag.ts'
import { ApiError } from '../../services/api.ts'
import type { FlagReason } from '../../services/types.ts'
import { errorMessage } from '../../services/errors.ts'
import { flushError, plainTextarea, shared } from '../../styles/shared.ts'

const REASONS: FlagReason[] = ['off-topic', 'insulting', 'spam', 'other']

/**
 * Flagging a comment for the moderators: a modal dialog asking why (off-topic, insulting,
 * spam, or something else in a few words). Flags stay private; enough of them hide the
 * comment until a moderator has looked.
 *
 * @summary The dialog to flag a comment.
 * @fires mg-flag - The reader sends the flag; awaits the outcome.
 * @fires mg-dismiss - The dialog closed (flag sent, or cancelled).
 */
@customElement('mg-flag-dialog')
@localized()
export class MgFlagDialog extends LitElement {
  static override styles = [
    shared,
    flushError,
    plainTextarea,
    css`
      dialog {
        width: min(26rem, calc(100vw - 2rem));
        padding: 1.25rem;
      }
      form,
      fieldset {
        display: grid;
        gap: 0.6rem;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend,
      label[for] {
        font-weight: 600;
      }
      h2 {
        margin: 0;
        font-size: 1.25rem;
      }
    `,
  ]

  /** The comment to flag. */
  @property({ type: Number, attribute: 'comment-id' }) commentId = 0
  /** Whether the dialog is shown. */
  @property({ type: Boolean }) open = false

  @state() private reason: FlagReason | null = null
  @state() private busy = false
  @state() private error = ''

  @query('dialog') private dialog!: HTMLDialogElement

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return
    if (this.open && !this.dialog.open) {
      this.reason = null
      this.error = ''
      this.dialog.showModal()
    } else if (!this.open && this.dialog.open) this.dialog.close()
  }

  private handleClose() {
    if (this.open) this.dispatchEvent(new MgDismissEvent())
  }

  private word(reason: FlagReason): string {
    switch (reason) {
      case 'off-topic':
        return msg('Off topic')
      case 'insulting':
        return msg('Insulting')
      case 'spam':
        return msg('Spam')
      case 'other':
        return msg('Something else')
    }
  }

  private async handleSubmit(e: Event) {
    e.preventDefault()
    if (this.busy) return
    const note = this.renderRoot.querySelector('textarea')?.value.trim() ?? ''
    if (!this.reason) {
      this.error = msg('Choose a reason.')
      return
    }
    if (this.reason === 'other' && !note) {
      this.error = msg('Say in a few words what is wrong.')
      this.renderRoot.querySelector('textarea')?.focus()
      return
    }
    this.busy = true
    this.error = ''
    const event = new MgFlagEvent(this.commentId, this.reason, note || undefined)
    this.dispatchEvent(event)
    try {
      await event.response
      this.dispatchEvent(new MgDismissEvent())
    } catch (err) {
      this.error = err instanceof ApiError && err.status === 409 ? msg('You have already flagged this comment.') : errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`<dialog aria-labelledby="flag-title" @close=${this.handleClose}>
      <form novalidate @submit=${this.handleSubmit}>
        <h2 id="flag-title">${msg('Flag this comment')}</h2>
        <fieldset>
          <legend>${msg('What is wrong with it?')}</legend>
          ${REASONS.map(
            (r) => html`<label>
              <input type="radio" name="reason" value=${r} .checked=${this.reason === r} @change=${() => (this.reason = r)} />
              ${this.word(r)}
            </label>`,
          )}
        </fieldset>
        <label for="note">${msg('In a few words (optional unless “something else”)')}</label>
        <textarea id="note" rows="2" maxlength="500"></textarea>
        <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${msg('Send flag')}</button>
          <button class="btn quiet" type="button" @click=${() => this.dispatchEvent(new MgDismissEvent())}>${msg('Cancel')}</button>
        </div>
      </form>
    </dialog>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-flag-dialog': MgFlagDialog
  }
}
