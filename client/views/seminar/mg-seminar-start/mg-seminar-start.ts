import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgCreateSeminarEvent } from '../../../events/create-seminar.ts'
import { errorMessage } from '../../../services/errors.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * Starting a seminar: the essay, a title for the class and whether participants see each
 * other under pseudonyms. Folded away behind one button until asked for.
 *
 * @summary The form that starts a seminar.
 * @fires mg-create-seminar - Creates the seminar; the page then opens it.
 */
@customElement('mg-seminar-start')
@localized()
export class MgSeminarStart extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
        padding: 1rem 1.25rem;
        border: 1px solid var(--mg-rule);
        border-radius: 12px;
        background: var(--mg-raised);
      }
      label {
        display: grid;
        gap: 0.3rem;
        font-weight: 600;
      }
      label.check {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
        font-weight: 400;
      }
      input:not([type='checkbox']),
      select {
        min-height: 2.5rem;
        padding: 0.3rem 0.6rem;
        border: 1px solid var(--mg-muted);
        border-radius: 8px;
        background: var(--mg-raised);
        color: var(--mg-text);
        font: inherit;
      }
      .error {
        margin: 0;
        color: var(--mg-contra);
      }
    `,
  ]

  /** The essays a seminar can be about. */
  @property({ attribute: false }) essays: readonly { slug: string; title: string }[] = []

  @state() private open = false
  @state() private busy = false
  @state() private error = ''

  private async handleSubmit(e: SubmitEvent) {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const title = String(data.get('title') ?? '').trim()
    const essay = String(data.get('essay') ?? '')
    if (!title) {
      this.error = msg('Please give the seminar a title.')
      return
    }
    this.busy = true
    this.error = ''
    const event = new MgCreateSeminarEvent({ essay, title, anonymous: data.get('anonymous') === 'on' })
    this.dispatchEvent(event)
    try {
      await event.response
      this.open = false
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    if (!this.open) {
      return html`<button class="btn" aria-expanded="false" @click=${() => (this.open = true)}>${msg('Start a seminar')}</button>`
    }
    return html`<form @submit=${this.handleSubmit} aria-label=${msg('Start a seminar')}>
      <label
        >${msg('Essay')}
        <select name="essay">
          ${this.essays.map((e) => html`<option value=${e.slug} lang="de">${e.title}</option>`)}
        </select>
      </label>
      <label>${msg('Title')} <input name="title" maxlength="120" required placeholder=${msg('e.g. Class 11b, Tuesday')} /></label>
      <label class="check"
        ><input type="checkbox" name="anonymous" />
        <span>${msg('Anonymous: participants see each other under pseudonyms; the leaders see the names.')}</span></label
      >
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${msg('Start the seminar')}</button>
        <button class="btn quiet" type="button" @click=${() => (this.open = false)}>${msg('Cancel')}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-seminar-start': MgSeminarStart
  }
}
