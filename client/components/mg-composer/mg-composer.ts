import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MgDismissEvent } from '../../events/dismiss.ts'
import { MgPostCommentEvent } from '../../events/post-comment.ts'
import { MgPostedEvent } from '../../events/posted.ts'
import { MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import { MgTypingEvent } from '../../events/typing.ts'
import { ApiError } from '../../services/api.ts'
import type { Stance } from '../../services/types.ts'
import { errorMessage } from '../../services/errors.ts'
import { randomId } from '../../services/ids.ts'
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../state/drafts.ts'
import '../mg-markdown/mg-markdown.ts'
import { renderMarkdown } from '../mg-markdown/render.ts'
import { SIGN, STANCES, stanceWord } from '../stances.ts'
import { styles } from './mg-composer.styles.ts'

/** The server's limit (server/schemas/comments.ts), counted after trimming as it counts. */
const MAX_BODY = 5000
/** From this length on the composer counts the characters. */
const COUNT_FROM = MAX_BODY * 0.8

type FieldErrors = Partial<Record<'stance' | 'body' | 'form', string>>

/**
 * Writes an argument on a paragraph, or a reply to a comment. The stance is an explicit,
 * required choice; the body is Markdown with a preview; Ctrl+Enter (⌘+Enter) sends. Near the
 * limit it counts the characters against it, and it tells when a link will be shown as text.
 * The draft, with its `clientKey`, is saved on every change and removed only once the server
 * has confirmed the post, so a failure or a reload loses nothing and a retry never
 * duplicates.
 *
 * @summary Argument and reply composer with drafts.
 * @fires mg-post-comment - Asks for the comment to be posted; awaits the outcome.
 * @fires mg-posted - The server stored the comment.
 * @fires mg-dismiss - The reader cancelled a reply.
 * @fires mg-request-sign-in - The session ended while writing.
 * @fires mg-typing - The reader is writing an argument (sent on as a typing notice).
 */
@customElement('mg-composer')
@localized()
export class MgComposer extends LitElement {
  static override styles = styles

  /** The debate's slug. */
  @property() debate = ''
  /** The paragraph's anchor. */
  @property() anchor = ''
  /** The comment replied to; null for a new argument. */
  @property({ type: Number, attribute: 'parent-id' }) parentId: number | null = null
  /** The connection is lost: nothing can be posted until it is back; the draft stays. */
  @property({ type: Boolean }) offline = false

  @state() private body = ''
  @state() private stance: Stance | null = null
  @state() private preview = false
  @state() private sending = false
  @state() private errors: FieldErrors = {}
  /** The count read out to screen readers, once the writer pauses. */
  @state() private spokenCount = ''
  private clientKey = randomId()
  private countTimer = 0

  @query('textarea') private textarea!: HTMLTextAreaElement

  /** Moves focus to the first stance choice (or the checked one). */
  override focus(): void {
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')]
    ;(radios.find((r) => r.checked) ?? radios[0])?.focus()
  }

  private get key(): string {
    return draftKey(this.debate, this.anchor, this.parentId)
  }

  private get isReply(): boolean {
    return this.parentId !== null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('debate') || changed.has('anchor') || changed.has('parentId')) {
      const draft = loadDraft(this.key)
      this.body = draft.body
      this.stance = draft.stance
      this.clientKey = draft.clientKey
      this.errors = {}
    }
    // Back online, a post that failed for want of a network may simply be sent again.
    if (changed.has('offline') && !this.offline && this.errors.form) this.errors = { ...this.errors, form: undefined }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.countTimer)
  }

  /** How many characters of the limit the body takes, once it nears the limit; empty before. */
  private get count(): string {
    const n = this.body.trim().length
    return n < COUNT_FROM ? '' : msg(str`${n} of ${MAX_BODY} characters`)
  }

  private persist(): void {
    saveDraft(this.key, { body: this.body, stance: this.stance, clientKey: this.clientKey })
  }

  private handleStance(e: Event) {
    this.stance = (e.target as HTMLInputElement).value as Stance
    this.errors = { ...this.errors, stance: undefined }
    this.persist()
  }

  private handleInput(e: Event) {
    this.body = (e.target as HTMLTextAreaElement).value
    if (this.errors.body) this.errors = { ...this.errors, body: undefined }
    this.persist()
    // Read out after a pause, not at every keystroke.
    clearTimeout(this.countTimer)
    this.countTimer = window.setTimeout(() => (this.spokenCount = this.count), 1000)
    // Only arguments are announced ("someone is writing a contra argument…"), not replies.
    if (!this.isReply && this.stance && this.body.trim()) this.dispatchEvent(new MgTypingEvent(this.anchor, this.stance))
  }

  private handleKeydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void this.send()
    }
  }

  private handleSubmit(e: Event) {
    e.preventDefault()
    void this.send()
  }

  private togglePreview() {
    this.preview = !this.preview
  }

  private handleCancel() {
    this.dispatchEvent(new MgDismissEvent())
  }

  /** Validates, sends, and keeps the draft unless the server confirmed the comment. */
  async send(): Promise<void> {
    if (this.sending || this.offline) return
    const errors: FieldErrors = {}
    if (!this.stance) {
      errors.stance = this.isReply
        ? msg('Choose how your reply relates: supports, objects or remark.')
        : msg('Choose a stance: pro, contra or neutral.')
    }
    const text = this.body.trim()
    if (!text) errors.body = this.isReply ? msg('Write your reply first.') : msg('Write your argument first.')
    else if (text.length > MAX_BODY) errors.body = msg(str`At most ${MAX_BODY} characters, please (now ${text.length}).`)
    this.errors = errors
    if (errors.stance || errors.body) {
      await this.updateComplete
      if (errors.stance) this.focus()
      else this.focusBody()
      return
    }
    this.sending = true
    const event = new MgPostCommentEvent(this.anchor, {
      body: this.body,
      stance: this.stance!,
      parentId: this.parentId,
      clientKey: this.clientKey,
    })
    this.dispatchEvent(event)
    try {
      const comment = await event.response
      clearDraft(this.key)
      this.body = ''
      this.stance = null
      this.preview = false
      this.spokenCount = ''
      this.clientKey = randomId()
      this.dispatchEvent(new MgPostedEvent(comment))
    } catch (err) {
      this.errors = this.errorsFor(err)
      if (err instanceof ApiError && err.status === 401) this.dispatchEvent(new MgRequestSignInEvent('login'))
    } finally {
      this.sending = false
    }
  }

  private errorsFor(err: unknown): FieldErrors {
    if (err instanceof ApiError && err.status === 400) {
      const field = err.field
      if (field === 'stance') return { stance: err.message }
      if (field === 'body') return { body: err.message }
    }
    return { form: `${errorMessage(err)} ${msg('Your draft is kept.')}` }
  }

  private focusBody() {
    this.preview = false
    void this.updateComplete.then(() => this.textarea?.focus())
  }

  override render() {
    const reply = this.isReply
    const { errors } = this
    const label = reply ? msg('Your reply') : msg('Your argument')
    const count = this.count
    // The links (and images) the Markdown will show as text, for lack of an allowed target.
    const found = { dropped: 0 }
    renderMarkdown(this.body, found)
    const dropped = found.dropped > 0
    // On touch screens there is no keyboard shortcut to tell of.
    const touch = typeof matchMedia === 'function' && matchMedia('(hover: none)').matches
    return html`<form novalidate @submit=${this.handleSubmit}>
      <fieldset class="stances ${errors.stance ? 'invalid' : ''}" aria-describedby=${errors.stance ? 'stance-error' : nothing}>
        <legend>${reply ? msg('Your reply') : msg('Your stance')} <span class="required">(${msg('required')})</span></legend>
        <div class="choices">
          ${STANCES.map(
            (s) => html`<label class="choice ${s}">
              <input type="radio" name="stance" value=${s} .checked=${this.stance === s} @change=${this.handleStance} />
              <span class="sign" aria-hidden="true">${SIGN[s]}</span>${stanceWord(s, reply)}
            </label>`,
          )}
        </div>
        ${errors.stance ? html`<p class="error" id="stance-error">${errors.stance}</p>` : nothing}
      </fieldset>
      <div class="field">
        <div class="field-head">
          <label for="body">${label}</label>
          <button type="button" class="btn quiet small" aria-pressed=${this.preview ? 'true' : 'false'} @click=${this.togglePreview}>
            ${msg('Preview')}
          </button>
        </div>
        <textarea
          id="body"
          rows=${reply ? 3 : 4}
          .value=${this.body}
          ?hidden=${this.preview}
          aria-invalid=${errors.body ? 'true' : 'false'}
          aria-describedby=${errors.body ? 'body-error count links hint' : 'count links hint'}
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
        ></textarea>
        ${
          this.preview
            ? html`<div class="preview">
              ${this.body.trim() ? html`<mg-markdown .source=${this.body}></mg-markdown>` : html`<p class="empty">${msg('Nothing to preview yet.')}</p>`}
            </div>`
            : nothing
        }
        ${errors.body ? html`<p class="error" id="body-error">${errors.body}</p>` : nothing}
        ${count ? html`<p class="hint" id="count">${count}</p>` : nothing}
        <div aria-live="polite">
          ${dropped ? html`<p class="hint notice" id="links">${msg('Links other than http, https and mailto are shown as plain text.')}</p>` : nothing}
          <span class="vh">${this.spokenCount}</span>
        </div>
        <p class="hint" id="hint">${msg('Markdown: **bold**, _italic_, [link](https://…).')}${touch ? nothing : ` ${msg('Ctrl+Enter sends.')}`}</p>
      </div>
      <div class="actions">
        <button class="btn primary" type="submit" ?disabled=${this.sending || this.offline} aria-describedby=${this.offline ? 'offline' : nothing}>
          ${this.sending ? msg('Sending…') : reply ? msg('Post reply') : msg('Post argument')}
        </button>
        ${reply ? html`<button class="btn quiet" type="button" @click=${this.handleCancel}>${msg('Cancel')}</button>` : nothing}
      </div>
      ${this.offline ? html`<p class="hint" id="offline">${msg('You are offline. Your draft is kept: post it once the connection is back.')}</p>` : nothing}
      <div class="form-error" role="alert">${errors.form ? html`<p class="error">${errors.form}</p>` : nothing}</div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-composer': MgComposer
  }
}
