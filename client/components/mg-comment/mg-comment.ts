import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MgDeleteCommentEvent } from '../../events/delete-comment.ts'
import type { MgDismissEvent } from '../../events/dismiss.ts'
import { MgEditCommentEvent } from '../../events/edit-comment.ts'
import { MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import { MgVoteEvent } from '../../events/vote.ts'
import type { Comment, User } from '../../services/types.ts'
import { errorMessage } from '../../services/errors.ts'
import { absoluteTime, relativeTime } from '../../services/format.ts'
import '../mg-composer/mg-composer.ts'
import { renderMarkdown } from '../mg-markdown/render.ts'
import { markedName, personMarks } from '../person-marks.ts'
import { SIGN, stanceWord } from '../stances.ts'

/** Replies nest at most this deep (the server's limit). */
const MAX_DEPTH = 6

/**
 * One comment: its stance (a reply's stance reads towards its parent: supports, objects,
 * remark), author, relative time, body, votes, and its link; marked as edited, deleted or
 * outdated (with the paragraph's wording it answered). Offers reply, and edit and delete to
 * its author.
 *
 * Renders in its thread's shadow root, styled by `commentStyles` (mg-comment.styles.ts).
 *
 * @summary A comment in a thread.
 * @fires mg-vote - The reader upvotes the comment or takes the vote back.
 * @fires mg-edit-comment - The author saves a new wording; awaits the outcome.
 * @fires mg-delete-comment - The author deletes the comment; awaits the outcome.
 * @fires mg-request-sign-in - A signed-out reader tries to vote or reply.
 * @fires mg-flag - A reader flags someone else's comment (from its dialog).
 * @fires mg-moderate - A moderator acts on the comment (from its menu).
 */
@customElement('mg-comment')
@localized()
export class MgComment extends LitElement {
  /** The comment shown. */
  @property({ attribute: false }) comment!: Comment
  /** The debate's slug (for reply drafts). */
  @property() debate = ''
  /** The signed-in reader, or null. */
  @property({ attribute: false }) user: User | null = null
  /** The debate is locked: nothing can be added or changed. */
  @property({ type: Boolean }) locked = false
  /** The reader moderates this debate: the comment offers its moderation menu. */
  @property({ type: Boolean }) moderator = false
  /** Changes to a fresh number each time the comment is to be brought into view. */
  @property({ type: Number }) highlight = 0
  /** The connection is lost: a reply being written is kept but not posted. */
  @property({ type: Boolean }) offline = false

  @state() private replying = false
  @state() private editing = false
  @state() private confirmingDelete = false
  @state() private busy = false
  @state() private error = ''
  @state() private flash = false
  @state() private flagging = false

  @query('article') private article!: HTMLElement

  /**
   * Renders into the thread's shadow root rather than one of its own: a thread of hundreds of
   * comments would otherwise pay for as many shadow roots and style scopes. The thread adopts
   * `commentStyles`, in which every rule is scoped to `mg-comment`.
   */
  protected override createRenderRoot(): HTMLElement {
    return this
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('highlight') && this.highlight) {
      this.flash = true
      this.article.scrollIntoView({ block: 'center' })
      this.article.focus({ preventScroll: true })
    }
  }

  /** The exact time as a tooltip, worked out only when wanted: formatting it costs. */
  private handleTimeHover(e: Event) {
    const time = e.currentTarget as HTMLTimeElement
    time.title = absoluteTime(time.dateTime)
  }

  private get own(): boolean {
    return this.user !== null && this.user.id === this.comment.author.id
  }

  private handleVote() {
    if (!this.user) {
      this.dispatchEvent(new MgRequestSignInEvent('login'))
      return
    }
    this.dispatchEvent(new MgVoteEvent(this.comment.id, this.comment.voted ? 0 : 1))
  }

  private async handleReply() {
    if (!this.user) {
      this.dispatchEvent(new MgRequestSignInEvent('login'))
      return
    }
    this.replying = true
    await this.updateComplete
    this.renderRoot.querySelector('mg-composer')?.focus()
  }

  private async handleDismiss(e: MgDismissEvent) {
    e.stopPropagation()
    this.replying = false
    await this.updateComplete
    this.renderRoot.querySelector<HTMLButtonElement>('.reply')?.focus()
  }

  private handlePosted() {
    this.replying = false
  }

  private async startEdit() {
    this.editing = true
    this.error = ''
    await this.updateComplete
    this.renderRoot.querySelector('textarea')?.focus()
  }

  private async saveEdit(e: Event) {
    e.preventDefault()
    const body = this.renderRoot.querySelector('textarea')?.value ?? ''
    if (!body.trim()) {
      this.error = msg('Write something first.')
      return
    }
    await this.run(new MgEditCommentEvent(this.comment.id, body), () => {
      this.editing = false
    })
  }

  private handleEditKeydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void this.saveEdit(e)
    if (e.key === 'Escape') this.editing = false
  }

  private async confirmDelete() {
    await this.run(new MgDeleteCommentEvent(this.comment.id), () => {
      this.confirmingDelete = false
    })
  }

  private async run(event: MgEditCommentEvent | MgDeleteCommentEvent, done: () => void) {
    this.busy = true
    this.error = ''
    this.dispatchEvent(event)
    try {
      await event.response
      done()
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private renderBody(c: Comment) {
    if (c.removed) return html`<p class="deleted">${msg('This comment was removed.')}</p>`
    if (c.deleted) return html`<p class="deleted">${msg('This comment was deleted.')}</p>`
    if (c.hidden && c.body === null) return html`<p class="deleted">${msg('Hidden by a moderator.')}</p>`
    if (this.editing) {
      return html`<form class="edit" @submit=${this.saveEdit}>
        <label for="edit-${c.id}">${msg('Edit your comment')}</label>
        <textarea id="edit-${c.id}" rows="4" .value=${c.body ?? ''} @keydown=${this.handleEditKeydown}></textarea>
        <div class="row">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${msg('Save')}</button>
          <button class="btn quiet" type="button" @click=${() => (this.editing = false)}>${msg('Cancel')}</button>
        </div>
      </form>`
    }
    // Rendered here rather than through <mg-markdown>: a thread of hundreds of comments would
    // otherwise pay for as many more elements and shadow roots.
    return html`<div class="md body">${renderMarkdown(c.body ?? '')}</div>`
  }

  /** Opens the flag dialog, whose chunk loads the first time. */
  private async handleFlag() {
    await import('../../views/flag/flag-views.ts')
    this.flagging = true
  }

  private async handleFlagDismiss(e: MgDismissEvent) {
    e.stopPropagation()
    this.flagging = false
    await this.updateComplete
    this.renderRoot.querySelector<HTMLButtonElement>('.flag')?.focus()
  }

  private renderModeration(c: Comment) {
    const menu = this.moderator
      ? html`<mg-moderation-menu .comment=${c} ?admin=${this.user?.isAdmin ?? false}></mg-moderation-menu>`
      : nothing
    // Moderators and admins may flag too (the server lets every member), e.g. for a second opinion.
    if (!this.user || this.own || c.deleted || c.removed || c.hidden || (c.status !== undefined && c.status !== 'published')) return menu
    return html`<button class="btn quiet flag" @click=${this.handleFlag}>${msg('Flag')}</button>
      ${this.flagging ? html`<mg-flag-dialog comment-id=${c.id} open @mg-dismiss=${this.handleFlagDismiss}></mg-flag-dialog>` : nothing}${menu}`
  }

  private renderActions(c: Comment) {
    if (c.deleted || c.removed || c.hidden) {
      return this.moderator ? html`<div class="actions">${this.renderModeration(c)}</div>` : nothing
    }
    const canAdd = !this.locked
    const voteLabel = this.own
      ? msg('Votes (you cannot vote for your own comment)')
      : c.voted
        ? msg('Votes; you marked this as a strong argument')
        : msg('Votes; mark as a strong argument')
    return html`<div class="actions">
      <button
        class="btn quiet vote"
        aria-pressed=${c.voted ? 'true' : 'false'}
        ?disabled=${this.own || !canAdd}
        title=${voteLabel}
        @click=${this.handleVote}
      >
        <span aria-hidden="true">▲</span> <span class="votes">${c.votes}</span><span class="vh"> ${voteLabel}</span>
      </button>
      ${
        canAdd && c.depth < MAX_DEPTH && !this.replying
          ? html`<button class="btn quiet reply" @click=${this.handleReply}>${msg('Reply')}</button>`
          : nothing
      }
      ${
        this.own && canAdd && !this.editing
          ? html`<button class="btn quiet" @click=${this.startEdit}>${msg('Edit')}</button>
            ${
              this.confirmingDelete
                ? html`<span class="confirm" role="group" aria-label=${msg('Delete this comment?')}>
                  <span>${msg('Delete this comment?')}</span>
                  <button class="btn danger" ?disabled=${this.busy} @click=${this.confirmDelete}>${msg('Delete')}</button>
                  <button class="btn quiet" @click=${() => (this.confirmingDelete = false)}>${msg('Keep')}</button>
                </span>`
                : html`<button class="btn quiet" @click=${() => (this.confirmingDelete = true)}>${msg('Delete')}</button>`
            }`
          : nothing
      }
      ${this.renderModeration(c)}
    </div>`
  }

  override render() {
    const c = this.comment
    if (!c) return nothing
    const gone = c.deleted || c.removed === true
    const reason = c.hiddenReason || c.statusReason
    const reply = c.parentId !== null
    const word = stanceWord(c.stance, reply)
    return html`<article
        id="c-${c.id}"
        class="comment ${this.flash ? 'flash' : ''}"
        tabindex="-1"
        aria-label=${gone ? msg(str`${word}, deleted`) : msg(str`${word}, by ${markedName(c.author.username, c.author)}`)}
        @animationend=${() => (this.flash = false)}
      >
        <header>
          <span class="stance ${c.stance}"><span aria-hidden="true">${SIGN[c.stance]}</span> ${word}</span>
          ${gone ? nothing : html`<span class="author">${c.author.username}</span>${personMarks(c.author)}`}
          <time datetime=${c.createdAt} @pointerenter=${this.handleTimeHover}>${relativeTime(c.createdAt)}</time>
          ${c.editedAt && !gone ? html`<span class="tag" title=${absoluteTime(c.editedAt)}>${msg('edited')}</span>` : nothing}
          ${c.outdated ? html`<span class="tag outdated-tag">${msg('outdated')}</span>` : nothing}
          ${c.pinned ? html`<span class="tag">${msg('pinned')}</span>` : nothing}
          ${c.group ? html`<span class="tag">${msg(str`Group ${c.group.letter}`)}</span>` : nothing}
          ${c.hidden && c.body !== null ? html`<span class="tag">${msg('hidden')}</span>` : nothing}
          ${c.status === 'pending' ? html`<span class="tag">${msg('awaiting moderation')}</span>` : nothing}
          ${c.status === 'returned' ? html`<span class="tag">${msg('returned for revision')}</span>` : nothing}
          <a class="permalink" href="#c-${c.id}" title=${msg('Link to this comment')}
            ><span aria-hidden="true">#</span><span class="vh">${msg('Link to this comment')}</span></a
          >
        </header>
        ${
          c.outdated && c.outdatedText
            ? html`<div class="outdated">
              <p>${msg('Written about an earlier wording of the paragraph:')}</p>
              <blockquote lang="de">${c.outdatedText}</blockquote>
            </div>`
            : nothing
        }
        ${reason && !gone ? html`<p class="reason">${msg('Moderator’s note:')} ${reason}</p>` : nothing} ${this.renderBody(c)}
        ${this.renderActions(c)}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </article>
      ${
        this.replying
          ? html`<mg-composer
            class="reply-composer"
            debate=${this.debate}
            anchor=${c.anchor}
            .parentId=${c.id}
            ?offline=${this.offline}
            @mg-dismiss=${this.handleDismiss}
            @mg-posted=${this.handlePosted}
          ></mg-composer>`
          : nothing
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-comment': MgComment
  }
}
