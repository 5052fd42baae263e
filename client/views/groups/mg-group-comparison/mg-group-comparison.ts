import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import '../../../components/mg-stance-bar/mg-stance-bar.ts'
import { SIGN, stanceWord } from '../../../components/stances.ts'
import { MgLoadComparisonEvent } from '../../../events/groups.ts'
import { MgModerateEvent } from '../../../events/moderate.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Block, Comparison, Groups } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { groupName } from '../mg-groups-panel/mg-groups-panel.ts'

/** The comparison loads again this often while it is shown, in milliseconds. */
const REFRESH_MS = 3000

/**
 * The groups side by side on the projector: per paragraph, each group's balance of arguments,
 * its positions and its strongest argument (the most votes), which the leader may promote to
 * the top of the plenum's thread (pinned there for everyone). It loads the comparison when
 * shown and again every three seconds while it is.
 *
 * @summary The projector's comparison of the groups.
 * @fires mg-load-comparison - Asks for the comparison.
 * @fires mg-moderate - Pins a group's strongest argument.
 */
@customElement('mg-group-comparison')
@localized()
export class MgGroupComparison extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.5rem;
      }
      .paragraph {
        margin: 0 0 1rem;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.6rem;
      }
      .group {
        border: 1px solid var(--mg-rule);
        border-radius: 8px;
        padding: 0.4rem 0.6rem;
      }
      h3,
      h4 {
        margin: 0 0 0.3rem;
      }
      blockquote {
        margin: 0.3rem 0;
        font-family: var(--mg-font-text);
      }
    `,
  ]

  /** The essay's blocks, to number the paragraphs. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** The seminar's groups, for their letters. */
  @property({ attribute: false }) groups: Groups | null = null
  @state() private comparison: Comparison | null = null
  @state() private error = ''
  private timer: ReturnType<typeof setInterval> | undefined

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
    this.timer = setInterval(() => void this.load(), REFRESH_MS)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.timer)
  }

  private async load() {
    try {
      this.comparison = await request(this, new MgLoadComparisonEvent())
      this.error = ''
    } catch (err) {
      this.error = errorMessage(err)
    }
  }

  private async promote(id: number) {
    try {
      await request(this, new MgModerateEvent(id, 'pin'))
      void this.load()
    } catch (err) {
      this.error = errorMessage(err)
    }
  }

  override render() {
    const comparison = this.comparison
    const letters = new Map((this.groups?.groups ?? []).map((g) => [g.id, g.letter]))
    const numbers = new Map(this.blocks.filter((b) => b.kind === 'paragraph').map((b, i) => [b.anchor, i + 1]))
    return html`<section aria-labelledby="compare-heading">
      <h2 id="compare-heading">${msg('The groups side by side')}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        comparison
          ? comparison.paragraphs.map(
              (p) => html`<div class="paragraph">
                <h3>${msg(str`Paragraph ${numbers.get(p.anchor) ?? '?'}`)}</h3>
                <div class="row">
                  ${p.groups.map((g) => {
                    const best = g.strongest
                    return html`<div class="group">
                      <h4>${groupName(letters.get(g.group) ?? '?')}</h4>
                      <mg-stance-bar kind="arguments" detailed .pro=${g.counts.pro} .contra=${g.counts.contra} .other=${g.counts.neutral}></mg-stance-bar>
                      <mg-stance-bar kind="positions" detailed .pro=${g.positions.pro} .contra=${g.positions.contra} .other=${g.positions.undecided}></mg-stance-bar>
                      ${
                        best
                          ? html`<blockquote>
                                <span class="stance ${best.stance}">${SIGN[best.stance]} ${stanceWord(best.stance, false)}</span>
                                ${best.body}
                              </blockquote>
                              ${
                                best.pinned
                                  ? html`<span class="tag">${msg('Promoted to the top')}</span>`
                                  : html`<button class="btn" @click=${() => this.promote(best.id)}>${msg('Promote to the plenum')}</button>`
                              }`
                          : html`<p class="meta">${msg('No arguments yet.')}</p>`
                      }
                    </div>`
                  })}
                </div>
              </div>`,
            )
          : html`<p aria-busy="true">${msg('Loading the comparison…')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-group-comparison': MgGroupComparison
  }
}
