import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { MgResolveQueueItemEvent } from '../../../events/resolve-queue-item.ts'
import type { Block, FlagReason, QueueActionName, QueueItem } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { paragraphNumber } from '../../../services/essay.ts'
import { relativeTime } from '../../../services/format.ts'
import { shared } from '../../../styles/shared.ts'
import { controlRow, fieldLabel, panelHeading } from '../../../styles/views.ts'
import { renderMarkdown } from '../../../components/mg-markdown/render.ts'

/** Actions whose reason the author reads. */
const NEEDS_REASON = new Set<QueueActionName>(['hide', 'return'])

/**
 * The review queue of one debate: flagged comments with their flags, comments held for
 * approval, and comments left outdated by a new wording of their paragraph. Each can be
 * kept, hidden, deleted or returned to its author for revision (hiding and returning ask
 * for a reason); an outdated one can be reattached to another paragraph.
 *
 * @summary A debate's review queue.
 * @fires mg-resolve-queue-item - The moderator settles an item; awaits the outcome.
 */
@customElement('mg-queue')
@localized()
export class MgQueue extends LitElement {
  static override styles = [
    shared,
    panelHeading,
    controlRow,
    fieldLabel,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
      }
      ol {
        display: grid;
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 0.75rem;
        border: 1px solid var(--mg-rule);
        border-radius: 10px;
        background: var(--mg-raised);
      }
      .meta,
      .flags {
        margin: 0.25rem 0;
        font-size: 0.85rem;
        color: var(--mg-muted);
      }
      .body {
        margin: 0.4rem 0;
      }
      form {
        display: grid;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      textarea,
      select {
        font: inherit;
        padding: 0.3rem 0.5rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
    `,
  ]

  /** The open items, oldest first. */
  @property({ attribute: false }) items: readonly QueueItem[] = []
  /** Whether the queue is loading, ready or failed. */
  @property() status: string = 'ready'
  /** The essay's blocks, offered when reattaching. */
  @property({ attribute: false }) blocks: readonly Block[] = []

  /** The item and action waiting for a reason or a paragraph. */
  @state() private pending: { id: number; action: QueueActionName } | null = null
  @state() private busy = false
  @state() private errors: Record<number, string> = {}

  private kindLabel(item: QueueItem): string {
    switch (item.kind) {
      case 'flagged':
        return msg('Flagged')
      case 'held':
        return msg('Awaiting approval')
      case 'outdated':
        return msg('Outdated')
    }
  }

  private reasonLabel(reason: FlagReason): string {
    switch (reason) {
      case 'off-topic':
        return msg('off topic')
      case 'insulting':
        return msg('insulting')
      case 'spam':
        return msg('spam')
      case 'other':
        return msg('other')
    }
  }

  private actionLabel(action: QueueActionName): string {
    switch (action) {
      case 'keep':
        return msg('Keep')
      case 'hide':
        return msg('Hide')
      case 'delete':
        return msg('Delete')
      case 'return':
        return msg('Return for revision')
      case 'reattach':
        return msg('Reattach')
    }
  }

  private async choose(item: QueueItem, action: QueueActionName) {
    if (NEEDS_REASON.has(action) || action === 'reattach') {
      this.pending = { id: item.id, action }
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>(`#pending-${item.id}`)?.focus()
      return
    }
    await this.run(item.id, action)
  }

  private async handleSubmit(e: Event, item: QueueItem) {
    e.preventDefault()
    const pending = this.pending
    if (!pending) return
    const field = this.renderRoot.querySelector<HTMLTextAreaElement | HTMLSelectElement>(`#pending-${item.id}`)
    const value = field?.value.trim() ?? ''
    if (!value) {
      this.errors = { ...this.errors, [item.id]: pending.action === 'reattach' ? msg('Choose a paragraph.') : msg('Give a reason.') }
      field?.focus()
      return
    }
    await this.run(
      item.id,
      pending.action,
      pending.action === 'reattach' ? undefined : value,
      pending.action === 'reattach' ? value : undefined,
    )
  }

  private async run(id: number, action: QueueActionName, reason?: string, anchor?: string) {
    this.busy = true
    const { [id]: _old, ...errors } = this.errors
    this.errors = errors
    const event = new MgResolveQueueItemEvent(id, action, reason, anchor)
    this.dispatchEvent(event)
    try {
      await event.response
      this.pending = null
    } catch (err) {
      this.errors = { ...this.errors, [id]: errorMessage(err) }
    } finally {
      this.busy = false
    }
  }

  private renderPending(item: QueueItem, action: QueueActionName) {
    const id = `pending-${item.id}`
    const paragraphs = this.blocks.filter((b) => b.kind === 'paragraph' && b.anchor !== item.comment.anchor)
    return html`<form @submit=${(e: Event) => this.handleSubmit(e, item)}>
      ${
        action === 'reattach'
          ? html`<label for=${id}>${msg('Move it to the paragraph')}</label>
            <select id=${id}>
              ${paragraphs.map((b) => html`<option value=${b.anchor}>${paragraphNumber(this.blocks, b.anchor)}. ${b.text.slice(0, 60)}…</option>`)}
            </select>`
          : html`<label for=${id}>${action === 'hide' ? msg('Why is it hidden? The author will read this.') : msg('What should the author change?')}</label>
            <textarea id=${id} rows="2" maxlength="500"></textarea>`
      }
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.actionLabel(action)}</button>
        <button class="btn quiet" type="button" @click=${() => (this.pending = null)}>${msg('Cancel')}</button>
      </div>
    </form>`
  }

  private renderItem = (item: QueueItem) => {
    const c = item.comment
    const actions: QueueActionName[] = ['keep', 'hide', 'delete', 'return']
    if (item.kind === 'outdated') actions.push('reattach')
    const pending = this.pending?.id === item.id ? this.pending.action : null
    const error = this.errors[item.id]
    return html`<li>
      <article aria-labelledby="item-${item.id}">
        <h3 id="item-${item.id}">${this.kindLabel(item)}: ${msg(str`comment by ${c.author.username}`)}</h3>
        <p class="meta">
          <a href="#c-${c.id}">${msg('Show in the thread')}</a> · <time datetime=${item.createdAt}>${relativeTime(item.createdAt)}</time>
          ${c.hidden ? html` · ${msg('hidden')}` : nothing}
        </p>
        ${
          item.flags.length
            ? html`<ul class="flags" aria-label=${msg('Flags')}>
              ${item.flags.map((f) => html`<li>${this.reasonLabel(f.reason)} (${f.user.username})${f.note ? html`: ${f.note}` : nothing}</li>`)}
            </ul>`
            : nothing
        }
        <div class="md body">${renderMarkdown(c.body ?? '')}</div>
        ${
          pending
            ? this.renderPending(item, pending)
            : html`<div class="row" role="group" aria-label=${msg('Decide')}>
              ${actions.map(
                (
                  a,
                ) => html`<button class="btn ${a === 'delete' ? 'danger' : 'quiet'}" data-action=${a} ?disabled=${this.busy} @click=${() => this.choose(item, a)}>
                  ${this.actionLabel(a)}
                </button>`,
              )}
            </div>`
        }
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      </article>
    </li>`
  }

  override render() {
    if (this.status === 'loading' && this.items.length === 0) return html`<p aria-busy="true">${msg('Loading the queue…')}</p>`
    if (this.status === 'error') return html`<p role="alert">${msg('The queue could not be loaded.')}</p>`
    if (this.items.length === 0) return html`<p>${msg('Nothing to review.')}</p>`
    return html`<ol aria-label=${msg('Review queue')}>${repeat(this.items, (i) => i.id, this.renderItem)}</ol>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-queue': MgQueue
  }
}
