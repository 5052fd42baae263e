import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { MgToggleThreadEvent } from '../../events/toggle-thread.ts'
import type { Counts, Positions } from '../../services/types.ts'
import { shared } from '../../styles/shared.ts'
import '../mg-stance-bar/mg-stance-bar.ts'

/**
 * The marker beside a paragraph: how many arguments it has, a bar of its arguments by stance
 * and one of the readers' positions, the button that opens its thread, and its link.
 *
 * @summary A paragraph's count, pro/contra bars, thread toggle and link.
 * @fires mg-toggle-thread - The reader opens or closes the paragraph's thread.
 */
@customElement('mg-paragraph-marker')
@localized()
export class MgParagraphMarker extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true }

  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .marker {
        display: flex;
        align-items: center;
        gap: 0.25rem 0.5rem;
        flex-wrap: wrap;
      }
      .toggle {
        display: grid;
        grid-template-columns: auto 1fr;
        align-items: center;
        gap: 0.2rem 0.5rem;
        min-width: 7.5rem;
        padding: 0.4rem 0.65rem;
        border: 1px solid var(--mg-rule);
        border-radius: 10px;
        background: var(--mg-raised);
        color: var(--mg-text);
        cursor: pointer;
        text-align: start;
      }
      .toggle:hover {
        border-color: var(--mg-muted);
      }
      .toggle[aria-expanded='true'] {
        border-color: var(--mg-text);
        box-shadow: inset 0 0 0 1px var(--mg-text);
      }
      .count {
        font-size: 1.05rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .noun {
        font-size: 0.8rem;
        color: var(--mg-muted);
      }
      .bars {
        grid-column: 1 / -1;
        display: grid;
        gap: 3px;
      }
      .positions {
        --mg-bar-height: 3px;
      }
      .link {
        display: inline-grid;
        place-items: center;
        min-width: 2rem;
        min-height: 2rem;
        border-radius: 6px;
        color: var(--mg-muted);
        text-decoration: none;
        font-family: var(--mg-font-text);
      }
      .link:hover {
        color: var(--mg-link);
        background: var(--mg-surface);
      }
      @media (min-width: 62rem) {
        .marker {
          flex-direction: column;
          align-items: flex-start;
        }
      }
    `,
  ]

  /** The paragraph's anchor, e.g. `p-41df08bd`. */
  @property() anchor = ''
  /** The paragraph's number in the essay, for labels. */
  @property({ type: Number }) number = 0
  /** The paragraph's argument counts. */
  @property({ attribute: false }) counts: Counts = { comments: 0, pro: 0, contra: 0, neutral: 0 }
  /** The readers' positions on the paragraph. */
  @property({ attribute: false }) positions: Positions = { pro: 0, contra: 0, undecided: 0 }
  /** Whether the paragraph's thread is open. */
  @property({ type: Boolean }) open = false

  private handleClick() {
    this.dispatchEvent(new MgToggleThreadEvent(this.anchor, !this.open))
  }

  override render() {
    const { counts, positions, number } = this
    // Arguments only, as the thread counts them: replies are no arguments of their own.
    const n = counts.pro + counts.contra + counts.neutral
    const noun = n === 1 ? msg('argument') : msg('arguments')
    return html`<div class="marker">
      <button class="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-describedby="summary" @click=${this.handleClick}>
        <span class="count">${n}</span>
        <span class="noun">${noun}</span><span class="vh">${msg(str`, paragraph ${number}`)}</span>
        <span class="bars" aria-hidden="true">
          <mg-stance-bar kind="arguments" .pro=${counts.pro} .contra=${counts.contra} .other=${counts.neutral}></mg-stance-bar>
          <mg-stance-bar
            class="positions"
            kind="positions"
            .pro=${positions.pro}
            .contra=${positions.contra}
            .other=${positions.undecided}
          ></mg-stance-bar>
        </span>
      </button>
      <span id="summary" class="vh">${describe(counts, positions)}</span>
      <a class="link" href="#${this.anchor}" aria-label=${msg(str`Link to paragraph ${number}`)} title=${msg(str`Link to paragraph ${number}`)}
        >¶</a
      >
    </div>`
  }
}

function describe(counts: Counts, positions: Positions): string {
  const args =
    counts.pro + counts.contra + counts.neutral === 0
      ? msg('No arguments yet.')
      : msg(str`Arguments: ${counts.pro} pro, ${counts.contra} contra, ${counts.neutral} neutral.`)
  const readers =
    positions.pro + positions.contra + positions.undecided === 0
      ? msg('No positions yet.')
      : msg(str`Readers' positions: ${positions.pro} pro, ${positions.contra} contra, ${positions.undecided} undecided.`)
  return `${args} ${readers}`
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-paragraph-marker': MgParagraphMarker
  }
}
