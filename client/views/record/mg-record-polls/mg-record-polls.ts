import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { POSITIONS, positionWord } from '../../../components/stances.ts'
import type { RecordParagraph, Poll } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { paragraphLabel, when } from '../words.ts'

/**
 * The seminar's stance polls, oldest first: what each was on, its result, and for an "after"
 * round who moved from which side to which (a matrix, rows the "before" vote, columns the
 * "after" one) and the reasons given for moving, without names.
 *
 * @summary The record's polls.
 */
@customElement('mg-record-polls')
@localized()
export class MgRecordPolls extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      table {
        width: auto;
        min-width: 20rem;
        margin-bottom: 0.6rem;
      }
    `,
  ]

  /** The debate's polls, as the record lists them. */
  @property({ attribute: false }) polls: readonly Poll[] = []
  /** The record's paragraphs, to name them by their number. */
  @property({ attribute: false }) paragraphs: readonly RecordParagraph[] = []

  private renderPoll(poll: Poll, n: number) {
    const on = paragraphLabel(this.paragraphs, poll.anchor)
    const heading = poll.before === null ? msg(str`Poll ${n}: ${on}`) : msg(str`Poll ${n}: ${on}, after round`)
    const results = poll.results
    const shift = poll.shift
    return html`<h3>${heading}</h3>
      <p class="meta">${msg(str`Opened ${when(poll.openedAt)}`)} · ${poll.votes === 1 ? msg('1 vote') : msg(str`${poll.votes} votes`)}</p>
      ${
        results
          ? html`<table>
              <caption>${msg(str`Result of poll ${n}`)}</caption>
              <thead><tr>${POSITIONS.map((p) => html`<th scope="col" class="n">${positionWord(p)}</th>`)}</tr></thead>
              <tbody><tr>${POSITIONS.map((p) => html`<td class="n">${results[p]}</td>`)}</tr></tbody>
            </table>`
          : html`<p>${msg('Still open: no result yet.')}</p>`
      }
      ${
        shift
          ? html`<table class="shift">
              <caption>${msg(str`Who changed their mind in poll ${n}: before (rows), after (columns)`)}</caption>
              <thead>
                <tr><td></td>${POSITIONS.map((p) => html`<th scope="col" class="n">${msg(str`After: ${positionWord(p)}`)}</th>`)}</tr>
              </thead>
              <tbody>
                ${POSITIONS.map(
                  (from) => html`<tr>
                    <th scope="row">${msg(str`Before: ${positionWord(from)}`)}</th>
                    ${POSITIONS.map((to) => html`<td class="n">${shift[from][to]}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      ${
        poll.reasons?.length
          ? html`<p>${msg('Reasons for changing sides:')}</p>
              <ul class="reasons">
                ${poll.reasons.map((r) => html`<li>${positionWord(r.from)} → ${positionWord(r.to)}: ${r.reason}</li>`)}
              </ul>`
          : nothing
      }`
  }

  override render() {
    const polls = [...this.polls].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id - b.id)
    return html`<section aria-labelledby="polls-heading">
      <h2 id="polls-heading">${msg('Polls')}</h2>
      ${polls.length ? polls.map((p, i) => this.renderPoll(p, i + 1)) : html`<p>${msg('There were no polls.')}</p>`}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-polls': MgRecordPolls
  }
}
