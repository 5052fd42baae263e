import { localized, msg } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { MgChangeLocaleEvent } from '../../events/change-locale.ts'
import { shared } from '../../styles/shared.ts'

/** Each language named in itself, so a reader finds theirs whatever the page speaks. */
const LANGUAGES = [
  { code: 'de', name: 'Deutsch', short: 'DE' },
  { code: 'en', name: 'English', short: 'EN' },
] as const

/**
 * Switches the interface language.
 *
 * @summary German / English switch.
 * @fires mg-change-locale - The reader picked a language.
 */
@customElement('mg-language-switch')
@localized()
export class MgLanguageSwitch extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-block;
      }
      .switch {
        display: inline-flex;
        border: 1px solid var(--mg-rule);
        border-radius: 999px;
        overflow: hidden;
      }
      button {
        min-height: 2rem;
        min-width: 2.5rem;
        padding: 0.2rem 0.6rem;
        border: 0;
        background: transparent;
        color: var(--mg-muted);
        font-size: 0.8rem;
        font-weight: 600;
        letter-spacing: 0.04em;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--mg-text);
        color: var(--mg-bg);
      }
      button:focus-visible {
        outline-offset: -3px;
        border-radius: 999px;
      }
    `,
  ]

  /** The current interface language. */
  @property() locale = 'en'

  override render() {
    return html`<div class="switch" role="group" aria-label=${msg('Language')}>
      ${LANGUAGES.map(
        (l) => html`<button
          lang=${l.code}
          aria-pressed=${this.locale === l.code ? 'true' : 'false'}
          title=${l.name}
          @click=${() => this.locale !== l.code && this.dispatchEvent(new MgChangeLocaleEvent(l.code))}
        >
          <span aria-hidden="true">${l.short}</span><span class="vh">${l.name}</span>
        </button>`,
      )}
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-language-switch': MgLanguageSwitch
  }
}
