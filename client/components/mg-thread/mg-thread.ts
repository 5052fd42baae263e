import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { MgLoadThreadEvent } from '../../events/load-thread.ts'
import { MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import { MgShowNewEvent } from '../../events/show-new.ts'
import { MgToggleThreadEvent } from '../../events/toggle-thread.ts'
import { absoluteTime } from '../../services/format.ts'
import type { Comment, Phase, PositionStance, Positions, Stance, ThreadSort, User } from '../../services/types.ts'
import type { ThreadState } from '../../state/common.ts'
import { arrangeThread, type ThreadNode } from '../../state/threads.ts'
import '../mg-comment/mg-comment.ts'
import '../mg-composer/mg-composer.ts'
import '../mg-position-picker/mg-position-picker.ts'
import { MediaController, PHONE } from '../media-controller.ts'
import { SIGN, STANCES, stanceWord } from '../stances.ts'
import { styles } from './mg-thread.styles.ts'

/**
 * A paragraph's debate, opened inline under it: the reader's position, the composer for a
 * new argument, and the arguments (sorted by newest or strongest, filtered by stance) with
 * their replies nested under them. On a phone the arguments come first and the composer
 * after them, so the thread opens on what has been said. A moderator finds the thread's lock
 * in its header (from the moderators' views, which load for them).
 *
 * @summary The thread of one paragraph.
 * @fires mg-toggle-thread - The reader closes the thread.
 * @fires mg-load-thread - The reader retries loading the thread.
 * @fires mg-request-sign-in - A signed-out reader wants to join in.
 * @fires mg-show-new - The reader asks to see the new arguments held back.
 */
@customElement('mg-thread')
@localized()
export class MgThread extends LitElement {
  static override styles = styles

  /** The debate's slug. */
  @property() debate = ''
  /** The paragraph's anchor. */
  @property() anchor = ''
  /** The paragraph's number in the essay, for the heading. */
  @property({ type: Number }) number = 0
  /** The heading level that fits where the thread sits in the essay's outline. */
  @property({ type: Number }) level = 3
  /** The thread's comments and loading state. */
  @property({ attribute: false }) thread: ThreadState = { status: 'loading', comments: [] }
  /** The signed-in reader, or null. */
  @property({ attribute: false }) user: User | null = null
  /** The debate is locked. */
  @property({ type: Boolean }) locked = false
  /** A moderator closed this paragraph: its arguments can be read, not answered. */
  @property({ type: Boolean, attribute: 'paragraph-locked' }) paragraphLocked = false
  /** The reader moderates this debate. */
  @property({ type: Boolean }) moderator = false
  /** The reader is muted: until this time, or indefinitely when empty; null when not muted. */
  @property({ attribute: false }) muted: string | null = null
  /** The seminar's phase; null for ordinary debates. */
  @property({ attribute: false }) phase: Phase | null = null
  /** All readers' positions on the paragraph. */
  @property({ attribute: false }) positions: Positions = { pro: 0, contra: 0, undecided: 0 }
  /** The reader's own position. */
  @property({ attribute: false }) mine: PositionStance | null = null
  /** The comment to bring into view, and a number that changes each time it is asked. */
  @property({ attribute: false }) highlight: { id: number; n: number } | null = null
  /** Ids of new arguments held back until the reader asks for them. */
  @property({ attribute: false }) unseen: readonly number[] = []
  /** How many are reading this paragraph right now. */
  @property({ type: Number }) readers = 0
  /** Someone is writing an argument of this stance here (null: nobody). */
  @property({ attribute: false }) typing: Stance | null = null
  /** The connection is lost: the composers keep their drafts but post nothing. */
  @property({ type: Boolean }) offline = false

  @state() private sort: ThreadSort = 'new'
  @state() private filter: Stance | null = null

  @query('#heading') private heading!: HTMLElement

  private readonly phone = new MediaController(this, PHONE)

  private arranged: { comments: readonly Comment[]; sort: ThreadSort; filter: Stance | null; nodes: ThreadNode[] } | null = null

  /** After signing in from this thread, writing continues in its composer. */
  async focusAfterSignIn(): Promise<void> {
    await this.updateComplete
    const composer = this.renderRoot.querySelector('mg-composer')
    if (composer) composer.focus()
    else this.focusHeading()
  }

  /** Moves focus to the thread's heading, so reading continues from its top. */
  focusHeading(): void {
    this.heading?.focus()
  }

  private shownComments: { comments: readonly Comment[]; unseen: readonly number[]; shown: readonly Comment[] } | null = null

  /** The thread without the new arguments held back (replies to them wait with them). */
  private get comments(): readonly Comment[] {
    const { comments } = this.thread
    if (this.unseen.length === 0) return comments
    const s = this.shownComments
    if (s && s.comments === comments && s.unseen === this.unseen) return s.shown
    const hidden = new Set(this.unseen)
    const shown = comments.filter((c) => !hidden.has(c.id))
    this.shownComments = { comments, unseen: this.unseen, shown }
    return shown
  }

  private get nodes(): ThreadNode[] {
    const comments = this.comments
    const a = this.arranged
    if (a && a.comments === comments && a.sort === this.sort && a.filter === this.filter) return a.nodes
    const nodes = arrangeThread(comments, this.sort, this.filter)
    this.arranged = { comments, sort: this.sort, filter: this.filter, nodes }
    return nodes
  }

  /** How many held-back new arguments are still news: one deleted since is not. */
  private get fresh(): number {
    return this.thread.comments.filter((c) => this.unseen.includes(c.id) && !c.deleted).length
  }

  private renderNew() {
    const n = this.fresh
    if (n === 0) return nothing
    return html`<button class="btn new" @click=${() => this.dispatchEvent(new MgShowNewEvent(this.anchor))}>
      ${n === 1 ? msg('Show 1 new argument') : msg(str`Show ${n} new arguments`)}
    </button>`
  }

  private renderLive() {
    const typing = this.typing
    const reading = this.readers > 1 ? html`<span>${msg(str`${this.readers} reading this paragraph`)}</span>` : nothing
    const writing = typing
      ? html`<span>${typing === 'pro' ? msg('Someone is writing a pro argument…') : typing === 'contra' ? msg('Someone is writing a contra argument…') : msg('Someone is writing a neutral argument…')}</span>`
      : nothing
    // A polite live region of its own, so the page's status messages stay the one role="status".
    return html`<p class="live" aria-live="polite">${reading} ${writing}</p>`
  }

  private handleClose() {
    this.dispatchEvent(new MgToggleThreadEvent(this.anchor, false))
  }

  private handleKeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || e.defaultPrevented) return
    // Escape inside a text field belongs to the field (and to the edit form that uses it).
    const field = e.composedPath().find((t) => t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type === 'text'))
    if (field) return
    e.preventDefault()
    this.handleClose()
  }

  private renderNode = (node: ThreadNode): unknown => {
    const c = node.comment
    const highlighted = this.highlight && this.highlight.id === c.id ? this.highlight.n : 0
    return html`<li>
      <mg-comment .comment=${c} debate=${this.debate} ?offline=${this.offline} .user=${this.user} ?locked=${this.locked || this.paragraphLocked || this.phase === 'closed'} ?moderator=${this.moderator} .highlight=${highlighted}></mg-comment>
      ${
        node.replies.length
          ? html`<ol class="replies" aria-label=${msg('Replies')}>
            ${repeat(node.replies, (n) => n.comment.id, this.renderNode)}
          </ol>`
          : nothing
      }
    </li>`
  }

  private renderTools() {
    const filters: (Stance | null)[] = [null, ...STANCES]
    return html`<div class="tools">
      <fieldset>
        <legend>${msg('Sort')}</legend>
        <div class="segmented">
          ${(['new', 'top'] as const).map(
            (s) => html`<label>
              <input type="radio" name="sort" value=${s} .checked=${this.sort === s} @change=${() => (this.sort = s)} />
              ${s === 'new' ? msg('Newest') : msg('Strongest')}
            </label>`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${msg('Show')}</legend>
        <div class="segmented">
          ${filters.map(
            (f) => html`<label class=${f ?? 'all'}>
              <input type="radio" name="filter" value=${f ?? 'all'} .checked=${this.filter === f} @change=${() => (this.filter = f)} />
              ${f ? html`<span aria-hidden="true">${SIGN[f]}</span> ${stanceWord(f)}` : msg('All')}
            </label>`,
          )}
        </div>
      </fieldset>
    </div>`
  }

  private renderList() {
    const { status } = this.thread
    const comments = this.comments
    if (status === 'loading' && comments.length === 0) return html`<p class="status" aria-busy="true">${msg('Loading arguments…')}</p>`
    if (status === 'error') {
      return html`<p class="status">
        ${msg('The arguments could not be loaded.')}
        <button class="btn" @click=${() => this.dispatchEvent(new MgLoadThreadEvent(this.anchor))}>${msg('Try again')}</button>
      </p>`
    }
    const nodes = this.nodes
    // The paragraph's count, as its marker gives it: the arguments that count, new ones held back too.
    const arguments_ = this.thread.comments.filter((c) => c.parentId === null && !c.deleted && !c.hidden && !c.removed).length
    if (comments.length === 0) {
      if (this.fresh) return nothing
      // Where the reader may not post, nobody invites them to be the first.
      const closed = this.locked || this.paragraphLocked || this.phase === 'closed' || this.muted !== null
      return html`<p class="status">${closed ? msg('No arguments yet.') : msg('No arguments yet. Be the first to make one.')}</p>`
    }
    return html`<p class="count">
        ${
          this.filter
            ? msg(str`${nodes.length} of ${arguments_} arguments shown`)
            : arguments_ === 1
              ? msg('1 argument')
              : msg(str`${arguments_} arguments`)
        }
      </p>
      ${
        nodes.length
          ? html`<ol class="arguments" aria-label=${msg('Arguments')}>${repeat(nodes, (n) => n.comment.id, this.renderNode)}</ol>`
          : html`<p class="status">${msg('No arguments with this stance.')}</p>`
      }`
  }

  private renderComposer() {
    if (this.phase === 'closed')
      return html`<p class="note">${msg('This seminar is closed: it is kept as a record and can be read but not changed.')}</p>`
    if (this.locked) return html`<p class="note">${msg('This debate is locked: it can be read but not changed.')}</p>`
    if (this.paragraphLocked)
      return html`<p class="note">${msg('This paragraph is locked: its arguments can be read but not answered.')}</p>`
    if (!this.user) {
      return html`<p class="note">
        ${msg('Sign in to add an argument, reply or vote.')}
        <button class="btn" @click=${() => this.dispatchEvent(new MgRequestSignInEvent('login'))}>${msg('Sign in')}</button>
        <button class="btn quiet" @click=${() => this.dispatchEvent(new MgRequestSignInEvent('register'))}>${msg('Register')}</button>
      </p>`
    }
    if (this.muted !== null) {
      const until = this.muted
      return html`<p class="note muted">${until ? msg(str`You are muted in this debate until ${absoluteTime(until)}.`) : msg('You are muted in this debate indefinitely.')}</p>`
    }
    return html`<mg-composer class="composer" debate=${this.debate} anchor=${this.anchor} ?offline=${this.offline}></mg-composer>`
  }

  override render() {
    const composer = this.renderComposer()
    return html`<section class="thread" aria-labelledby="heading" @keydown=${this.handleKeydown}>
      <header>
        <div id="heading" class="heading" role="heading" aria-level=${this.level} tabindex="-1">
          ${msg(str`Debate on paragraph ${this.number}`)}
        </div>
        ${this.moderator ? html`<mg-paragraph-lock anchor=${this.anchor} number=${this.number} ?locked=${this.paragraphLocked}></mg-paragraph-lock>` : nothing}
        <button class="btn quiet close" @click=${this.handleClose} aria-label=${msg(str`Close the debate on paragraph ${this.number}`)}>
          ${msg('Close')} <span aria-hidden="true">×</span>
        </button>
      </header>
      ${
        // Nobody may post while the seminar reads: no composer, and no invitation to be the first.
        this.phase === 'reading'
          ? html`<p class="note reading">${msg('Reading phase: read the essay first. Arguments and positions open when the leader starts the next phase.')}</p>`
          : html`<mg-position-picker
                anchor=${this.anchor}
                .positions=${this.positions}
                .mine=${this.mine}
                ?signed-in=${this.user !== null}
                ?locked=${this.locked || this.phase === 'closed'}
              ></mg-position-picker>
              ${
                this.phone.matches
                  ? [this.renderTools(), this.renderNew(), this.renderList(), composer]
                  : [composer, this.renderTools(), this.renderNew(), this.renderList()]
              }`
      }
      ${this.renderLive()}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-thread': MgThread
  }
}
