import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Participation, RecordGrading } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { number, when } from '../words.ts'

/**
 * A participant's own record: what they contributed, and their mark with the leader's comment
 * once the leader released the marks (it appears when they are, without a reload).
 *
 * @summary "Your participation" in the record.
 */
@customElement('mg-own-participation')
@localized()
export class MgOwnParticipation extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content auto;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dt {
        color: var(--mg-muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .mark {
        font-size: 1.4rem;
        font-weight: 700;
        margin: 0.2rem 0;
      }
    `,
  ]

  /** The reader's own participation; null when they took no part. */
  @property({ attribute: false }) row: Participation | null = null
  /** The rule (once the marks are released) and when they were released. */
  @property({ attribute: false }) grading: RecordGrading = { rule: null, releasedAt: null }

  private renderMark(row: Participation) {
    const mark = row.mark
    if (!mark || !this.grading.releasedAt) return html`<p>${msg('Your mark has not been released yet.')}</p>`
    const points = this.grading.rule?.points
    return html`<p class="mark">
        ${points === undefined ? number(mark.mark) : msg(str`${number(mark.mark)} of ${points} points`)}
      </p>
      ${mark.comment ? html`<p>${msg('The leader’s comment:')} <q class="comment">${mark.comment}</q></p>` : nothing}`
  }

  override render() {
    const row = this.row
    const facts: [string, string | number][] = row
      ? [
          [msg('Arguments'), row.arguments],
          [msg('Replies'), row.replies],
          [msg('Votes given'), row.votesGiven],
          [msg('Votes received'), row.votesReceived],
          [msg('Positions'), row.positions],
          [msg('Poll votes'), row.pollVotes],
          [msg('Changes of side'), row.stanceShifts],
          [msg('Speaking turns'), row.speakingTurns],
          [msg('First activity'), when(row.firstActivity)],
          [msg('Last activity'), when(row.lastActivity)],
        ]
      : []
    return html`<section aria-labelledby="own-heading">
        <h2 id="own-heading">${msg('Your participation')}</h2>
        ${row ? html`<dl>${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : html`<p>${msg('You have not taken part yet.')}</p>`}
      </section>
      ${
        row
          ? html`<section aria-labelledby="mark-heading">
              <h2 id="mark-heading">${msg('Your mark')}</h2>
              <div aria-live="polite">${this.renderMark(row)}</div>
            </section>`
          : nothing
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-own-participation': MgOwnParticipation
  }
}
