import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgJoinEvent } from '../../../events/join.ts'
import { MgLoadJoinPreviewEvent } from '../../../events/load-join-preview.ts'
import { ApiError } from '../../../services/api.ts'
import { errorMessage } from '../../../services/errors.ts'
import { formatJoinCode } from '../../../services/seminar-api.ts'
import type { JoinPreview, User } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * The page a join code leads to (`/join/<code>`): it names the seminar, asks a reader who is
 * not signed in for the name the others will see, and joins. A code that is unknown, expired
 * or revoked, or too many wrong tries, are said plainly, with what to do next. A guest who
 * has just signed out is told that this is the way back in.
 *
 * @summary Joining a seminar with its code.
 * @fires mg-load-join-preview - Asks what the code leads to.
 * @fires mg-join - Joins; the page then opens the seminar.
 */
@customElement('mg-join')
@localized()
export class MgJoin extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        max-width: 30rem;
      }
      h1 {
        margin: 0 0 0.5rem;
        font-family: var(--mg-font-text);
        font-size: 2rem;
        font-weight: 600;
        line-height: 1.2;
      }
      .code {
        margin: 0 0 1.25rem;
        color: var(--mg-muted);
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.08em;
      }
      .mode {
        margin: 0 0 1.25rem;
        line-height: 1.5;
      }
      label {
        display: block;
        margin-bottom: 0.35rem;
        font-weight: 600;
      }
      input {
        width: 100%;
        min-height: 2.75rem;
        padding: 0.4rem 0.7rem;
        border: 1px solid var(--mg-muted);
        border-radius: 8px;
        background: var(--mg-raised);
        color: var(--mg-text);
        font: inherit;
        font-size: 1.05rem;
      }
      .help {
        margin: 0.35rem 0 1rem;
        font-size: 0.85rem;
        color: var(--mg-muted);
      }
      .left {
        margin: 0 0 1.25rem;
        padding: 0.75rem 1rem;
        border-left: 4px solid var(--mg-link);
        background: var(--mg-highlight);
        line-height: 1.45;
      }
      .error {
        margin: 1rem 0;
        padding: 0.75rem 1rem;
        border-left: 4px solid var(--mg-contra);
        background: var(--mg-contra-soft);
        line-height: 1.45;
      }
      .btn.primary {
        min-height: 2.75rem;
        font-size: 1rem;
      }
    `,
  ]

  /** The join code from the address. */
  @property() code = ''
  /** The signed-in reader (null: nobody; undefined: not known yet). */
  @property({ attribute: false }) user: User | null | undefined = undefined
  /** A guest has just signed out of the seminar and comes back this way. */
  @property({ type: Boolean }) left = false

  @state() private preview: JoinPreview | null = null
  @state() private status: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error = ''
  @state() private busy = false
  @state() private name = ''

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) void this.load()
  }

  private async load() {
    this.status = 'loading'
    this.error = ''
    const event = new MgLoadJoinPreviewEvent(this.code)
    this.dispatchEvent(event)
    try {
      this.preview = await event.response
      this.status = 'ready'
    } catch (err) {
      this.status = 'error'
      this.error = joinError(err)
    }
  }

  private async handleSubmit(e: SubmitEvent) {
    e.preventDefault()
    if (this.busy) return
    const asGuest = !this.signedIn
    const name = this.name.trim()
    if (asGuest && !name) {
      this.error = msg('Please enter the name the others will see.')
      return
    }
    this.busy = true
    this.error = ''
    const event = new MgJoinEvent(this.code, asGuest ? name : undefined)
    this.dispatchEvent(event)
    try {
      await event.response
    } catch (err) {
      this.error = joinError(err)
    } finally {
      this.busy = false
    }
  }

  private get signedIn(): boolean {
    return Boolean(this.user) || (this.user === undefined && (this.preview?.signedIn ?? false))
  }

  private renderForm(preview: JoinPreview) {
    const user = this.user
    return html`<p class="mode">
        ${
          preview.anonymous
            ? msg('This seminar is anonymous: the other participants see you under a pseudonym; only the leaders see your name.')
            : msg('In this seminar everyone sees your name beside your arguments.')
        }
      </p>
      <form @submit=${this.handleSubmit} novalidate>
        ${
          this.signedIn
            ? nothing
            : html`<label for="name">${msg('Your name')}</label>
              <input
                id="name"
                name="name"
                autocomplete="nickname"
                maxlength="40"
                required
                aria-describedby="name-help"
                aria-invalid=${this.error && !this.name.trim() ? 'true' : 'false'}
                .value=${this.name}
                @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
              />
              <p id="name-help" class="help">${msg('Your first name is enough. No account or password is needed.')}</p>`
        }
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="btn primary" type="submit" ?disabled=${this.busy}>
          ${this.signedIn && user ? msg(str`Join as ${user.username}`) : msg('Join the seminar')}
        </button>
      </form>`
  }

  override render() {
    const code = html`<p class="code">${msg('Code')} ${formatJoinCode(this.code)}</p>
      ${
        this.left && !this.user
          ? html`<p class="left" role="status">
            ${msg('You have signed out. A guest cannot sign in again: to take part once more, join below with the seminar’s code, as a new guest.')}
          </p>`
          : nothing
      }`
    if (this.status === 'loading') return html`<h1>${msg('Join a seminar')}</h1>${code}<p aria-busy="true">${msg('Loading…')}</p>`
    if (this.status === 'error' || !this.preview) {
      return html`<h1>${msg('Join a seminar')}</h1>
        ${code}
        <p class="error" role="alert">${this.error}</p>
        <p><a href="/">${msg('Back to the debates')}</a></p>`
    }
    return html`<h1 lang="de">${this.preview.debate.title}</h1>
      ${code}${this.renderForm(this.preview)}`
  }
}

/** The reason a code did not work, and what to do about it. */
function joinError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404) {
    return msg(
      'There is no seminar with this code: it may be mistyped, expired or replaced. Check it, or ask the leader for the current code.',
    )
  }
  if (err instanceof ApiError && err.status === 429) {
    const wait = err.retryAfter
    return wait
      ? msg(str`Too many wrong codes from this network. Try again in ${Math.ceil(wait / 60)} minutes.`)
      : msg('Too many wrong codes from this network. Try again later.')
  }
  return errorMessage(err)
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-join': MgJoin
  }
}
