import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MgAuthenticateEvent } from '../../events/authenticate.ts'
import { MgDismissEvent } from '../../events/dismiss.ts'
import type { AuthMode } from '../../events/request-sign-in.ts'
import { ApiError } from '../../services/api.ts'
import { errorMessage } from '../../services/errors.ts'
import { styles } from './mg-auth-dialog.styles.ts'

type Errors = Partial<Record<'username' | 'password' | 'form', string>>

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/

/**
 * Sign in or register without leaving the page: a modal dialog whose server messages
 * appear beside the field they concern.
 *
 * @summary Log-in and registration dialog.
 * @fires mg-authenticate - Asks to log in or register; awaits the outcome.
 * @fires mg-dismiss - The dialog closed (signed in, or cancelled).
 */
@customElement('mg-auth-dialog')
@localized()
export class MgAuthDialog extends LitElement {
  static override styles = styles

  /** Log in or register. */
  @property() mode: AuthMode = 'login'
  /** Whether the dialog is shown. */
  @property({ type: Boolean }) open = false

  @state() private errors: Errors = {}
  @state() private busy = false

  @query('dialog') private dialog!: HTMLDialogElement

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.errors = {}
        this.dialog.showModal()
        this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus()
      } else if (!this.open && this.dialog.open) {
        this.dialog.close()
      }
    }
    if (changed.has('mode') && this.open) this.errors = {}
  }

  private handleClose() {
    if (this.open) this.dispatchEvent(new MgDismissEvent())
  }

  private switchMode() {
    this.mode = this.mode === 'login' ? 'register' : 'login'
    this.errors = {}
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus())
  }

  private async handleSubmit(e: Event) {
    e.preventDefault()
    if (this.busy) return
    const form = e.target as HTMLFormElement
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim()
    const password = (form.elements.namedItem('password') as HTMLInputElement).value
    const errors: Errors = {}
    // The rules are for new accounts: signing in never teaches them, and an account made under
    // an older rule still gets in; a wrong guess is answered as any other.
    if (this.mode === 'register') {
      if (!USERNAME.test(username)) errors.username = msg('3 to 32 letters, digits, or . _ -')
      if (password.length < 8) errors.password = msg('At least 8 characters.')
    }
    this.errors = errors
    if (errors.username || errors.password) {
      await this.updateComplete
      this.renderRoot.querySelector<HTMLInputElement>(errors.username ? '#username' : '#password')?.focus()
      return
    }
    this.busy = true
    const event = new MgAuthenticateEvent(this.mode, username, password)
    this.dispatchEvent(event)
    try {
      await event.response
      form.reset()
      this.dispatchEvent(new MgDismissEvent())
    } catch (err) {
      this.errors = this.errorsFor(err)
    } finally {
      this.busy = false
    }
  }

  private errorsFor(err: unknown): Errors {
    if (err instanceof ApiError) {
      if (err.status === 409) return { username: msg('This name is taken. Choose another one.') }
      if (err.status === 401) return { form: msg('Wrong username or password.') }
      if (err.field === 'username') return { username: err.message }
      if (err.field === 'password') return { password: err.message }
    }
    return { form: errorMessage(err) }
  }

  override render() {
    const register = this.mode === 'register'
    const { errors } = this
    const title = register ? msg('Create an account') : msg('Sign in')
    return html`<dialog aria-labelledby="title" @close=${this.handleClose}>
      <form method="dialog" novalidate @submit=${this.handleSubmit}>
        <h2 id="title">${title}</h2>
        <div class="field">
          <label for="username">${msg('Username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            aria-invalid=${errors.username ? 'true' : 'false'}
            aria-describedby=${errors.username ? 'username-error' : register ? 'username-hint' : nothing}
          />
          ${register && !errors.username ? html`<p class="hint" id="username-hint">${msg('3 to 32 letters, digits, or . _ -')}</p>` : nothing}
          ${errors.username ? html`<p class="error" id="username-error">${errors.username}</p>` : nothing}
        </div>
        <div class="field">
          <label for="password">${msg('Password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete=${register ? 'new-password' : 'current-password'}
            required
            aria-invalid=${errors.password ? 'true' : 'false'}
            aria-describedby=${errors.password ? 'password-error' : register ? 'password-hint' : nothing}
          />
          ${register && !errors.password ? html`<p class="hint" id="password-hint">${msg('At least 8 characters.')}</p>` : nothing}
          ${errors.password ? html`<p class="error" id="password-error">${errors.password}</p>` : nothing}
        </div>
        <div role="alert" class="alert">${errors.form ? html`<p class="error">${errors.form}</p>` : nothing}</div>
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${register ? msg('Register') : msg('Sign in')}</button>
          <button class="btn quiet" type="button" @click=${() => this.dispatchEvent(new MgDismissEvent())}>${msg('Cancel')}</button>
        </div>
        <p class="switch">
          ${register ? msg('Already have an account?') : msg('New here?')}
          <button class="link" type="button" @click=${this.switchMode}>${register ? msg('Sign in') : msg('Create an account')}</button>
        </p>
      </form>
    </dialog>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-auth-dialog': MgAuthDialog
  }
}
