import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { MgLoadWatchedWordsEvent } from '../../../events/load-watched-words.ts'
import { MgUnwatchWordEvent } from '../../../events/unwatch-word.ts'
import { MgWatchWordEvent } from '../../../events/watch-word.ts'
import type { WatchAction, WatchedWord } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * The debate's watched words: what each does to a comment that contains it (block it, hold
 * it for review, or mask the word), with a form to add one and a button to remove each.
 * Site-wide words apply too and are listed, but only admins change them elsewhere.
 *
 * @summary Editor of the debate's watched words.
 * @fires mg-load-watched-words - Asks for the list (on first render and after each change).
 * @fires mg-watch-word - Adds a word; awaits the outcome.
 * @fires mg-unwatch-word - Removes one of the debate's words; awaits the outcome.
 */
@customElement('mg-watched-words')
@localized()
export class MgWatchedWords extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
        padding: 0.75rem;
        border: 1px solid var(--mg-rule);
        border-radius: 10px;
        background: var(--mg-raised);
      }
      ul {
        margin: 0.4rem 0;
        padding: 0;
        list-style: none;
      }
      li,
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.3rem;
      }
      code {
        font-weight: 600;
      }
      input,
      select {
        font: inherit;
        padding: 0.2rem 0.4rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
    `,
  ]

  @state() private words: readonly WatchedWord[] | null = null
  @state() private error = ''
  @state() private busy = false

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    const event = new MgLoadWatchedWordsEvent()
    this.dispatchEvent(event)
    try {
      this.words = await event.response
    } catch (err) {
      this.error = errorMessage(err)
    }
  }

  private async run(event: MgWatchWordEvent | MgUnwatchWordEvent): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.error = ''
    this.dispatchEvent(event)
    try {
      await event.response
      await this.load()
      return true
    } catch (err) {
      this.error = errorMessage(err)
      return false
    } finally {
      this.busy = false
    }
  }

  private async handleSubmit(e: Event) {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const pattern = (form.elements.namedItem('pattern') as HTMLInputElement).value.trim()
    const action = (form.elements.namedItem('action') as HTMLSelectElement).value as WatchAction
    if (!pattern) return
    if (await this.run(new MgWatchWordEvent(pattern, action))) form.reset()
  }

  private actionText(action: WatchAction): string {
    return action === 'block' ? msg('Block the comment') : action === 'hold' ? msg('Hold for review') : msg('Mask the word')
  }

  override render() {
    const words = this.words
    return html`<section aria-labelledby="words-heading">
      <h3 id="words-heading">${msg('Watched words')}</h3>
      ${
        words === null
          ? nothing
          : words.length
            ? html`<ul>
              ${words.map(
                (w) => html`<li>
                  <code>${w.pattern}</code> <span>${this.actionText(w.action)}</span>
                  ${
                    w.scope === 'site'
                      ? html`<span>${msg('(site-wide)')}</span>`
                      : html`<button class="btn quiet" ?disabled=${this.busy} aria-label=${msg(str`Remove ${w.pattern}`)} @click=${() => this.run(new MgUnwatchWordEvent(w.id))}>
                        ${msg('Remove')}
                      </button>`
                  }
                </li>`,
              )}
            </ul>`
            : html`<p>${msg('No words are watched.')}</p>`
      }
      <form @submit=${this.handleSubmit}>
        <label for="pattern">${msg('Word (* for any ending)')}</label>
        <input id="pattern" name="pattern" required maxlength="64" autocomplete="off" />
        <label for="action">${msg('Action')}</label>
        <select id="action" name="action">
          ${(['block', 'hold', 'censor'] as const).map((a) => html`<option value=${a}>${this.actionText(a)}</option>`)}
        </select>
        <button class="btn" type="submit" ?disabled=${this.busy}>${msg('Watch the word')}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-watched-words': MgWatchedWords
  }
}
