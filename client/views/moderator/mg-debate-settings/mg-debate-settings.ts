import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgUpdateSettingsEvent } from '../../../events/update-settings.ts'
import type { DebateSettings } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * A debate's moderation settings as one form: lock the debate, slow mode (seconds between
 * one participant's comments), pre-moderation, and how many flags hide a comment. Only
 * what changed is sent.
 *
 * @summary The debate's moderation settings.
 * @fires mg-update-settings - The moderator saves changed settings; awaits the outcome.
 */
@customElement('mg-debate-settings')
@localized()
export class MgDebateSettings extends LitElement {
  static override styles = [
    shared,
    css`
      form {
        display: grid;
        gap: 0.6rem;
        margin-top: 0.75rem;
        padding: 0.75rem;
        border: 1px solid var(--mg-rule);
        border-radius: 10px;
        background: var(--mg-raised);
      }
      fieldset {
        display: grid;
        gap: 0.6rem;
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.4rem;
      }
      input[type='number'] {
        width: 6rem;
        font: inherit;
        padding: 0.2rem 0.4rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ]

  /** The settings in force. */
  @property({ attribute: false }) settings: DebateSettings | null = null

  @state() private busy = false
  @state() private error = ''

  private async handleSubmit(e: Event) {
    e.preventDefault()
    const before = this.settings
    if (!before || this.busy) return
    const form = e.target as HTMLFormElement
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement
    const after: DebateSettings = {
      locked: field('locked').checked,
      preModeration: field('preModeration').checked,
      slowModeSeconds: Math.max(0, Math.round(Number(field('slowModeSeconds').value) || 0)),
      flagThreshold: Math.max(1, Math.round(Number(field('flagThreshold').value) || 1)),
    }
    const patch: Partial<DebateSettings> = {}
    for (const key of Object.keys(after) as (keyof DebateSettings)[]) {
      if (after[key] !== before[key]) Object.assign(patch, { [key]: after[key] })
    }
    if (Object.keys(patch).length === 0) return
    this.busy = true
    this.error = ''
    const event = new MgUpdateSettingsEvent(patch)
    this.dispatchEvent(event)
    try {
      await event.response
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    const s = this.settings
    if (!s) return nothing
    return html`<form novalidate @submit=${this.handleSubmit}>
      <fieldset>
        <legend>${msg('Debate settings')}</legend>
        <label class="row"><input type="checkbox" name="locked" .checked=${s.locked} /> ${msg('Lock the debate (read only)')}</label>
        <label class="row"><input type="checkbox" name="preModeration" .checked=${s.preModeration} /> ${msg('Approve new comments before others see them')}</label>
        <div class="row">
          <label for="slow">${msg('Slow mode: seconds between comments (0 is off)')}</label>
          <input id="slow" type="number" name="slowModeSeconds" min="0" .value=${String(s.slowModeSeconds)} />
        </div>
        <div class="row">
          <label for="threshold">${msg('Flags that hide a comment until reviewed')}</label>
          <input id="threshold" type="number" name="flagThreshold" min="1" .value=${String(s.flagThreshold)} />
        </div>
      </fieldset>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      <div><button class="btn primary" type="submit" ?disabled=${this.busy}>${msg('Save settings')}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-debate-settings': MgDebateSettings
  }
}
