import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, svg } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { shared } from '../../styles/shared.ts'
import { SIGN } from '../stances.ts'

/**
 * A small bar of pro against contra (and neutral arguments, or undecided readers), drawn in
 * proportion, with its text alternative ("Arguments: 3 pro, 1 contra, 2 neutral"). The
 * bar is SVG geometry rather than inline styles, which the page's CSP forbids.
 *
 * @summary Pro/contra proportions with a text alternative.
 * @csspart bar - The drawn bar.
 */
@customElement('mg-stance-bar')
@localized()
export class MgStanceBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        min-width: 3rem;
      }
      .wrap {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      svg {
        display: block;
        flex: 1 1 auto;
        width: 100%;
        height: var(--mg-bar-height, 6px);
        border-radius: 999px;
        overflow: hidden;
      }
      .track {
        fill: var(--mg-rule);
      }
      .pro {
        fill: var(--mg-pro);
      }
      .contra {
        fill: var(--mg-contra);
      }
      .other {
        fill: var(--mg-neutral);
        opacity: 0.6;
      }
      .numbers {
        flex: none;
        font-size: 0.75rem;
        font-variant-numeric: tabular-nums;
        color: var(--mg-muted);
        white-space: nowrap;
      }
      .numbers b {
        font-weight: 600;
      }
      .numbers .p {
        color: var(--mg-pro);
      }
      .numbers .c {
        color: var(--mg-contra);
      }
    `,
  ]

  /** What is counted: top-level arguments by stance, or readers' positions. */
  @property() kind: 'arguments' | 'positions' = 'arguments'
  /** Pro arguments or readers. */
  @property({ type: Number }) pro = 0
  /** Contra arguments or readers. */
  @property({ type: Number }) contra = 0
  /** Neutral arguments, or undecided readers. */
  @property({ type: Number }) other = 0
  /** Also print the numbers beside the bar. */
  @property({ type: Boolean }) detailed = false

  /** The text alternative of the bar. */
  get description(): string {
    const { pro, contra, other } = this
    if (this.kind === 'positions') {
      return pro + contra + other === 0
        ? msg('No positions yet')
        : msg(str`Readers' positions: ${pro} pro, ${contra} contra, ${other} undecided`)
    }
    return pro + contra + other === 0 ? msg('No arguments yet') : msg(str`Arguments: ${pro} pro, ${contra} contra, ${other} neutral`)
  }

  override render() {
    const total = this.pro + this.contra + this.other
    const segments: [string, number][] = [
      ['pro', this.pro],
      ['contra', this.contra],
      ['other', this.other],
    ]
    let x = 0
    const shapes = segments
      .filter(([, n]) => n > 0)
      .map(([name, n]) => {
        const width = (n / total) * 100
        const shape = svg`<rect class=${name} x=${x} y="0" width=${width} height="10"></rect>`
        x += width
        return shape
      })
    const third = this.kind === 'positions' ? SIGN.undecided : SIGN.neutral
    return html`<div class="wrap" role="img" aria-label=${this.description} title=${this.description}>
      <svg part="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="track" x="0" y="0" width="100" height="10"></rect>
        ${shapes}
      </svg>
      ${
        this.detailed
          ? html`<span class="numbers" aria-hidden="true"
            ><b class="p">${SIGN.pro}${this.pro}</b> <b class="c">${SIGN.contra}${this.contra}</b> ${third}${this.other}</span
          >`
          : nothing
      }
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-stance-bar': MgStanceBar
  }
}
