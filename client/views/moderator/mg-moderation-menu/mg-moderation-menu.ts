import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgModerateEvent } from '../../../events/moderate.ts'
import type { Comment, CommentModeration } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { flushError, plainTextarea, shared } from '../../../styles/shared.ts'
import { fieldLabel } from '../../../styles/views.ts'

/** Actions that need a reason before they run, and those that only need a second click. */
const NEEDS_REASON = new Set<CommentModeration>(['hide', 'remove'])

/**
 * What a moderator can do to one comment: hide it with a reason (or show it again), pin or
 * unpin an argument, delete it, and for admins remove it for good. A disclosure rather than
 * a popup menu, so it reads and tabs like the rest of the comment; hiding and removing ask
 * for a reason, deleting asks to confirm.
 *
 * @summary A comment's moderation menu.
 * @fires mg-moderate - The moderator chose an action; awaits the outcome.
 */
@customElement('mg-moderation-menu')
@localized()
export class MgModerationMenu extends LitElement {
  static override styles = [
    shared,
    flushError,
    plainTextarea,
    fieldLabel,
    css`
      :host {
        display: inline-block;
      }
      .panel {
        display: grid;
        gap: 0.5rem;
        margin-top: 0.4rem;
        padding: 0.6rem;
        border: 1px solid var(--mg-rule);
        border-radius: 8px;
        background: var(--mg-raised);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
    `,
  ]

  /** The comment moderated. */
  @property({ attribute: false }) comment!: Comment
  /** The reader is a site admin, who may also remove comments for good. */
  @property({ type: Boolean }) admin = false

  @state() private open = false
  /** The action waiting for its reason or confirmation. */
  @state() private pending: CommentModeration | null = null
  @state() private busy = false
  @state() private error = ''

  private toggle() {
    this.open = !this.open
    this.pending = null
    this.error = ''
  }

  private async choose(action: CommentModeration) {
    if (NEEDS_REASON.has(action) || action === 'delete') {
      this.pending = action
      this.error = ''
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('textarea, .confirm')?.focus()
      return
    }
    await this.run(action)
  }

  private async handleSubmit(e: Event) {
    e.preventDefault()
    const action = this.pending
    if (!action) return
    const reason = this.renderRoot.querySelector('textarea')?.value.trim() ?? ''
    if (NEEDS_REASON.has(action) && !reason) {
      this.error = msg('Give a reason.')
      this.renderRoot.querySelector('textarea')?.focus()
      return
    }
    await this.run(action, reason || undefined)
  }

  private async run(action: CommentModeration, reason?: string) {
    this.busy = true
    this.error = ''
    const event = new MgModerateEvent(this.comment.id, action, reason)
    this.dispatchEvent(event)
    try {
      await event.response
      this.open = false
      this.pending = null
      await this.updateComplete
      this.renderRoot.querySelector<HTMLButtonElement>('.toggle')?.focus()
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleKeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || !this.open) return
    // The thread closes on Escape too; here it only closes the menu.
    e.preventDefault()
    e.stopPropagation()
    this.open = false
    this.pending = null
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.toggle')?.focus())
  }

  private label(action: CommentModeration): string {
    switch (action) {
      case 'hide':
        return msg('Hide')
      case 'unhide':
        return msg('Show again')
      case 'pin':
        return msg('Pin')
      case 'unpin':
        return msg('Unpin')
      case 'delete':
        return msg('Delete')
      case 'remove':
        return msg('Remove for good')
    }
  }

  private get actions(): CommentModeration[] {
    const c = this.comment
    if (c.removed) return []
    const out: CommentModeration[] = []
    if (!c.deleted) {
      out.push(c.hidden ? 'unhide' : 'hide')
      if (c.parentId === null) out.push(c.pinned ? 'unpin' : 'pin')
      out.push('delete')
    }
    if (this.admin) out.push('remove')
    return out
  }

  private renderPending(action: CommentModeration) {
    if (action === 'delete') {
      return html`<form class="row" @submit=${this.handleSubmit}>
        <span>${msg('Delete this comment?')}</span>
        <button class="btn danger confirm" type="submit" ?disabled=${this.busy}>${msg('Delete')}</button>
        <button class="btn quiet" type="button" @click=${() => (this.pending = null)}>${msg('Cancel')}</button>
      </form>`
    }
    const id = `reason-${this.comment.id}`
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <label for=${id}>${action === 'hide' ? msg('Why is it hidden? The author will read this.') : msg('Legal ground for removing it for good')}</label>
      <textarea id=${id} rows="2" maxlength="500" required></textarea>
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.label(action)}</button>
        <button class="btn quiet" type="button" @click=${() => (this.pending = null)}>${msg('Cancel')}</button>
      </div>
    </form>`
  }

  override render() {
    const actions = this.actions
    if (!this.comment || actions.length === 0) return nothing
    const panel = `moderate-${this.comment.id}`
    return html`<div @keydown=${this.handleKeydown}>
      <button class="btn quiet toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${panel} @click=${this.toggle}>
        ${msg('Moderate')}
      </button>
      <div id=${panel} ?hidden=${!this.open}>
        ${
          this.open
            ? html`<div class="panel" role="group" aria-label=${msg('Moderate this comment')}>
              ${
                this.pending
                  ? this.renderPending(this.pending)
                  : html`<div class="row">
                    ${actions.map(
                      (
                        a,
                      ) => html`<button class="btn ${a === 'remove' || a === 'delete' ? 'danger' : 'quiet'}" data-action=${a} ?disabled=${this.busy} @click=${() => this.choose(a)}>
                        ${this.label(a)}
                      </button>`,
                    )}
                  </div>`
              }
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
            </div>`
            : nothing
        }
      </div>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-moderation-menu': MgModerationMenu
  }
}
