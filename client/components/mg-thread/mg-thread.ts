import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { MgLoadThreadEvent } from '../../events/load-thread.ts'
import { MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import { MgToggleThreadEvent } from '../../events/toggle-thread.ts'
import type { Comment, PositionStance, Positions, Stance, ThreadSort, User } from '../../services/api.ts'
import type { ThreadState } from '../../state/store.ts'
import { arrangeThread, type ThreadNode } from '../../state/threads.ts'
import '../mg-comment/mg-comment.ts'
import '../mg-composer/mg-composer.ts'
import '../mg-position-picker/mg-position-picker.ts'
import { SIGN, STANCES, stanceWord } from '../stances.ts'
import { styles } from './mg-thread.styles.ts'

/**
 * A paragraph's debate, opened inline under it: the reader's position, the composer for a
 * new argument, and the arguments (sorted by newest or strongest, filtered by stance) with
 * their replies nested under them.
 *
 * @summary The thread of one paragraph.
 * @fires mg-toggle-thread - The reader closes the thread.
 * @fires mg-load-thread - The reader retries loading the thread.
 * @fires mg-request-sign-in - A signed-out reader wants to join in.
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
  /** All readers' positions on the paragraph. */
  @property({ attribute: false }) positions: Positions = { pro: 0, contra: 0, undecided: 0 }
  /** The reader's own position. */
  @property({ attribute: false }) mine: PositionStance | null = null
  /** The comment to bring into view, and a number that changes each time it is asked. */
  @property({ attribute: false }) highlight: { id: number; n: number } | null = null

  @state() private sort: ThreadSort = 'new'
  @state() private filter: Stance | null = null

  @query('#heading') private heading!: HTMLElement

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

  private get nodes(): ThreadNode[] {
    const { comments } = this.thread
    const a = this.arranged
    if (a && a.comments === comments && a.sort === this.sort && a.filter === this.filter) return a.nodes
    const nodes = arrangeThread(comments, this.sort, this.filter)
    this.arranged = { comments, sort: this.sort, filter: this.filter, nodes }
    return nodes
  }

  private handleClose() {
    this.dispatchEvent(new MgToggleThreadEvent(this.anchor, false))
  }

  private handleKeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || e.defaultPrevented) return
    // Escape inside a text field belongs to the field (and to the edit form that uses it).
    const field = e.composedPath().find((t) => t instanceof HTMLTextAreaElement || t instanceof HTMLInputElement && t.type === 'text')
    if (field) return
    e.preventDefault()
    this.handleClose()
  }

  private renderNode = (node: ThreadNode): unknown => {
    const c = node.comment
    const highlighted = this.highlight && this.highlight.id === c.id ? this.highlight.n : 0
    return html`<li>
      <mg-comment .comment=${c} debate=${this.debate} .user=${this.user} ?locked=${this.locked} .highlight=${highlighted}></mg-comment>
      ${node.replies.length
        ? html`<ol class="replies" aria-label=${msg('Replies')}>
            ${repeat(node.replies, (n) => n.comment.id, this.renderNode)}
          </ol>`
        : nothing}
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
    const { status, comments } = this.thread
    if (status === 'loading' && comments.length === 0) return html`<p class="status" aria-busy="true">${msg('Loading arguments…')}</p>`
    if (status === 'error') {
      return html`<p class="status">
        ${msg('The arguments could not be loaded.')}
        <button class="btn" @click=${() => this.dispatchEvent(new MgLoadThreadEvent(this.anchor))}>${msg('Try again')}</button>
      </p>`
    }
    const nodes = this.nodes
    const arguments_ = comments.filter((c) => c.parentId === null).length
    if (arguments_ === 0) return html`<p class="status">${msg('No arguments yet. Be the first to make one.')}</p>`
    return html`<p class="count">
        ${this.filter
          ? msg(str`${nodes.length} of ${arguments_} arguments shown`)
          : arguments_ === 1
            ? msg('1 argument')
            : msg(str`${arguments_} arguments`)}
      </p>
      ${nodes.length
        ? html`<ol class="arguments" aria-label=${msg('Arguments')}>${repeat(nodes, (n) => n.comment.id, this.renderNode)}</ol>`
        : html`<p class="status">${msg('No arguments with this stance.')}</p>`}`
  }

  private renderComposer() {
    if (this.locked) return html`<p class="note">${msg('This debate is locked: it can be read but not changed.')}</p>`
    if (!this.user) {
      return html`<p class="note">
        ${msg('Sign in to add an argument, reply or vote.')}
        <button class="btn" @click=${() => this.dispatchEvent(new MgRequestSignInEvent('login'))}>${msg('Sign in')}</button>
        <button class="btn quiet" @click=${() => this.dispatchEvent(new MgRequestSignInEvent('register'))}>${msg('Register')}</button>
      </p>`
    }
    return html`<mg-composer class="composer" debate=${this.debate} anchor=${this.anchor}></mg-composer>`
  }

  override render() {
    return html`<section class="thread" aria-labelledby="heading" @keydown=${this.handleKeydown}>
      <header>
        <div id="heading" class="heading" role="heading" aria-level=${this.level} tabindex="-1">
          ${msg(str`Debate on paragraph ${this.number}`)}
        </div>
        <button class="btn quiet close" @click=${this.handleClose} aria-label=${msg(str`Close the debate on paragraph ${this.number}`)}>
          ${msg('Close')} <span aria-hidden="true">×</span>
        </button>
      </header>
      <mg-position-picker
        anchor=${this.anchor}
        .positions=${this.positions}
        .mine=${this.mine}
        ?signed-in=${this.user !== null}
        ?locked=${this.locked}
      ></mg-position-picker>
      ${this.renderComposer()} ${this.renderTools()} ${this.renderList()}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-thread': MgThread
  }
}
