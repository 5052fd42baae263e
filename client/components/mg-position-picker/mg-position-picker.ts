import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import { MgSetPositionEvent } from '../../events/set-position.ts'
import type { PositionStance, Positions } from '../../services/types.ts'
import { bareFieldset, shared } from '../../styles/shared.ts'
import '../mg-stance-bar/mg-stance-bar.ts'
import { POSITIONS, positionWord, SIGN } from '../stances.ts'

/**
 * The reader's own position on a paragraph (pro, contra, undecided), beside the tally of
 * all readers' positions.
 *
 * @summary Position choice and tally for one paragraph.
 * @fires mg-set-position - The reader chose a position.
 * @fires mg-request-sign-in - A signed-out reader wants to take a position.
 */
@customElement('mg-position-picker')
@localized()
export class MgPositionPicker extends LitElement {
  static override styles = [
    shared,
    bareFieldset,
    css`
      :host {
        display: block;
      }
      legend {
        padding: 0;
        margin-bottom: 0.4rem;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .choices {
        display: inline-flex;
        border: 1px solid var(--mg-rule);
        border-radius: 999px;
        overflow: hidden;
        background: var(--mg-raised);
      }
      label {
        position: relative;
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        min-height: 2.25rem;
        padding: 0.3rem 0.8rem;
        font-size: 0.875rem;
        cursor: pointer;
      }
      label + label {
        border-inline-start: 1px solid var(--mg-rule);
      }
      input {
        position: absolute;
        inset: 0;
        margin: 0;
        opacity: 0;
        cursor: inherit;
      }
      label:has(input:focus-visible) {
        outline: 3px solid var(--mg-focus);
        outline-offset: -3px;
        border-radius: 999px;
      }
      label:has(input:checked) {
        font-weight: 700;
        background: var(--mg-surface);
      }
      label.pro:has(input:checked) {
        color: var(--mg-pro);
        background: var(--mg-pro-soft);
      }
      label.contra:has(input:checked) {
        color: var(--mg-contra);
        background: var(--mg-contra-soft);
      }
      label:has(input:disabled) {
        cursor: default;
      }
      .sign {
        font-weight: 700;
      }
      mg-stance-bar {
        flex: 1 1 10rem;
        max-width: 16rem;
      }
      .signin {
        font-size: 0.85rem;
      }
    `,
  ]

  /** The paragraph's anchor. */
  @property() anchor = ''
  /** All readers' positions on the paragraph. */
  @property({ attribute: false }) positions: Positions = { pro: 0, contra: 0, undecided: 0 }
  /** The reader's own position, or null. */
  @property({ attribute: false }) mine: PositionStance | null = null
  /** Whether a reader is signed in. */
  @property({ type: Boolean, attribute: 'signed-in' }) signedIn = false
  /** The debate is locked. */
  @property({ type: Boolean }) locked = false

  private handleChange(e: Event) {
    const stance = (e.target as HTMLInputElement).value as PositionStance
    this.dispatchEvent(new MgSetPositionEvent(this.anchor, stance))
  }

  override render() {
    const disabled = !this.signedIn || this.locked
    return html`<fieldset>
      <legend>${msg('Your position on this paragraph')}</legend>
      <div class="row">
        <div class="choices">
          ${POSITIONS.map(
            (p) => html`<label class=${p}>
              <input type="radio" name="position" value=${p} .checked=${this.mine === p} ?disabled=${disabled} @change=${this.handleChange} />
              <span class="sign" aria-hidden="true">${SIGN[p]}</span>${positionWord(p)}
            </label>`,
          )}
        </div>
        <mg-stance-bar kind="positions" detailed .pro=${this.positions.pro} .contra=${this.positions.contra} .other=${this.positions.undecided}></mg-stance-bar>
        ${
          !this.signedIn
            ? html`<button class="btn quiet signin" @click=${() => this.dispatchEvent(new MgRequestSignInEvent('login'))}>
              ${msg('Sign in to take a position')}
            </button>`
            : nothing
        }
      </div>
    </fieldset>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-position-picker': MgPositionPicker
  }
}
