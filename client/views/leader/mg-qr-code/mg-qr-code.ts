import { html, LitElement, css, svg, nothing, type PropertyValues } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { encode } from 'uqr'

/** One row's run of dark modules: `width` modules from column `x`. */
export interface ModuleRun {
  x: number
  y: number
  width: number
}

/**
 * The QR code of `text` as runs of dark modules, row by row, inside a quiet zone of
 * `border` modules. Runs rather than single modules keep the SVG small: a join link
 * needs a few hundred rectangles instead of a thousand.
 */
export function qrRuns(text: string, border = 4): { size: number; runs: ModuleRun[] } {
  // Medium error correction survives a projector's glare and a phone held at an angle.
  const qr = encode(text, { ecc: 'M', border })
  const runs: ModuleRun[] = []
  qr.data.forEach((row, y) => {
    let start = -1
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x] === true
      if (dark && start === -1) start = x
      if (!dark && start !== -1) {
        runs.push({ x: start, y, width: x - start })
        start = -1
      }
    }
  })
  return { size: qr.size, runs }
}

/**
 * A QR code drawn as SVG rectangles from Lit templates (no markup strings), black on white
 * whatever the page's colour scheme, since scanners expect dark modules on a light ground.
 *
 * @summary A QR code of a text, usually a link.
 * @csspart code - The SVG.
 */
@customElement('mg-qr-code')
export class MgQrCode extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      width: var(--mg-qr-size, 12rem);
      aspect-ratio: 1;
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
      shape-rendering: crispEdges;
    }
  `

  /** What the code encodes. */
  @property() value = ''
  /** What a screen reader says instead of the code. */
  @property() label = ''

  private code: { size: number; runs: ModuleRun[] } | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.code = this.value ? qrRuns(this.value) : null
  }

  override render() {
    const code = this.code
    if (!code) return nothing
    return html`<svg part="code" viewBox="0 0 ${code.size} ${code.size}" role="img" aria-label=${this.label || this.value}>
      <rect width=${code.size} height=${code.size} fill="#fff"></rect>
      ${code.runs.map((r) => svg`<rect x=${r.x} y=${r.y} width=${r.width} height="1" fill="#000"></rect>`)}
    </svg>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-qr-code': MgQrCode
  }
}
