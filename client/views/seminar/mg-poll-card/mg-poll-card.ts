import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgPollVoteEvent } from '../../../events/poll-vote.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Block, Poll, PositionStance, StanceCounts } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { paragraphName } from '../../seminar-shared/seminar-words.ts'
import { POSITIONS, positionWord, SIGN } from '../../../components/stances.ts'

/**
 * The seminar's current poll as a participant sees it: while open, the three stances to vote
 * (the vote can change until it closes), the participant's own vote marked and how many have
 * voted; in an "after" round, a one-line field for why they changed side. Once closed, the
 * result, and for an "after" round how the room moved and the reasons given. Compact (in the
 * folded bar of a phone), the table of moves is left out, and the stances take one row.
 *
 * @summary A participant's poll card.
 * @fires mg-poll-vote - The participant voted or gave a reason.
 */
@customElement('mg-poll-card')
@localized()
export class MgPollCard extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      section {
        padding: 0.6rem 0.75rem;
        border: 2px solid var(--mg-focus);
        border-radius: 12px;
        background: var(--mg-raised);
      }
      section.closed {
        border-color: var(--mg-rule);
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 0.5rem;
      }
      .choices .btn {
        flex: 1 1 auto;
        min-height: 2.75rem;
        min-width: 0;
        max-width: 10rem;
        padding-inline: 0.3rem;
        justify-content: center;
      }
      .btn[aria-pressed='true'] {
        font-weight: 700;
        border-width: 2px;
        border-color: var(--mg-text);
      }
      .btn.pro[aria-pressed='true'] {
        color: var(--mg-pro);
        background: var(--mg-pro-soft);
        border-color: var(--mg-pro);
      }
      .btn.contra[aria-pressed='true'] {
        color: var(--mg-contra);
        background: var(--mg-contra-soft);
        border-color: var(--mg-contra);
      }
      .meta,
      .mine {
        margin: 0.25rem 0;
        font-size: 0.9rem;
        color: var(--mg-muted);
      }
      .reason {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-end;
        margin-top: 0.5rem;
      }
      .reason label {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 14rem;
        font-size: 0.9rem;
      }
      .reason input {
        min-height: 2.5rem;
        padding: 0.3rem 0.6rem;
        border: 1px solid var(--mg-muted);
        border-radius: 8px;
        font: inherit;
        background: var(--mg-raised);
        color: var(--mg-text);
      }
      .results {
        list-style: none;
        margin: 0.25rem 0;
        padding: 0;
        display: grid;
        gap: 0.3rem;
      }
      .results li {
        display: grid;
        grid-template-columns: 7.5rem 1fr 4.5rem;
        align-items: center;
        gap: 0.5rem;
        font-size: 0.9rem;
      }
      progress {
        width: 100%;
        height: 0.7rem;
        accent-color: var(--mg-muted);
      }
      progress.pro {
        accent-color: var(--mg-pro);
      }
      progress.contra {
        accent-color: var(--mg-contra);
      }
      .shift {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        margin: 0.5rem 0;
        font-size: 0.85rem;
      }
      th,
      td {
        padding: 0.2rem 0.5rem;
        border: 1px solid var(--mg-rule);
        text-align: center;
      }
      .reasons {
        overflow-wrap: anywhere;
        margin: 0.25rem 0;
        padding-inline-start: 1.2rem;
        font-size: 0.9rem;
      }
      .error {
        margin: 0.5rem 0 0;
        color: var(--mg-contra);
      }
    `,
  ]

  /** The open poll, or the latest closed one. */
  @property({ attribute: false }) poll: Poll | null = null
  /** The "before" round of an open "after" round, with the participant's vote in it. */
  @property({ attribute: false }) previous: Poll | null = null
  /** The essay's blocks, to name the paragraph. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** The reader may vote (a participant who is signed in, in a seminar not closed). */
  @property({ type: Boolean, attribute: 'can-vote' }) canVote = true
  /** Shown in little room: the result without the table of moves. */
  @property({ type: Boolean }) compact = false

  @state() private busy = false
  @state() private error = ''
  @state() private reason = ''
  @state() private reasonSent = false
  /** The field for a reason has been brought into view, once a round. */
  private reasonShown = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('poll') as Poll | null | undefined
    if (changed.has('poll') && before?.id !== this.poll?.id) {
      this.reason = ''
      this.reasonSent = false
      this.error = ''
      this.reasonShown = false
    }
  }

  protected override updated(): void {
    // Asked for only after the vote, the field may lie below the end of a small bar.
    const form = this.renderRoot.querySelector('form.reason')
    if (!form || this.reasonShown) return
    this.reasonShown = true
    form.scrollIntoView({ block: 'nearest' })
  }

  private async send(stance: PositionStance, reason?: string) {
    const poll = this.poll
    if (!poll || this.busy) return
    this.busy = true
    this.error = ''
    const event = new MgPollVoteEvent(poll.id, stance, reason)
    this.dispatchEvent(event)
    try {
      await event.response
      if (reason) this.reasonSent = true
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleReason(e: SubmitEvent) {
    e.preventDefault()
    const reason = this.reason.trim()
    const mine = this.poll?.mine
    if (reason && mine) void this.send(mine, reason)
  }

  /** In an "after" round, the participant changed side since the round before. */
  private get moved(): boolean {
    const poll = this.poll
    const was = this.previous?.mine
    return Boolean(poll?.before && was && poll.mine && poll.mine !== was && this.previous?.id === poll.before)
  }

  private renderOpen(poll: Poll) {
    const votes = poll.votes
    return html`<div class="choices" role="group" aria-label=${msg('Your vote')}>
        ${POSITIONS.map(
          (p) => html`<button
            class="btn ${p}"
            aria-pressed=${poll.mine === p ? 'true' : 'false'}
            ?disabled=${this.busy || !this.canVote}
            @click=${() => this.send(p)}
          >
            <span aria-hidden="true">${SIGN[p]}</span> ${positionWord(p)}
          </button>`,
        )}
      </div>
      <p class="meta" aria-live="polite">${votes === 1 ? msg('1 vote so far') : msg(str`${votes} votes so far`)}</p>
      ${
        poll.mine && !this.compact
          ? html`<p class="mine">${msg(str`Your vote: ${positionWord(poll.mine)}. You can change it until the poll closes.`)}</p>`
          : nothing
      }
      ${this.moved ? this.renderReason() : nothing}`
  }

  private renderReason() {
    if (this.reasonSent) return html`<p class="mine">${msg('Thank you: your reason was sent without your name.')}</p>`
    return html`<form class="reason" @submit=${this.handleReason}>
      <label
        >${msg('You changed your mind: why? (optional, shown without your name)')}
        <input
          name="reason"
          maxlength="200"
          .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value.replace(/[\r\n]+/g, ' '))}
        />
      </label>
      <button class="btn" type="submit" ?disabled=${this.busy || !this.reason.trim()}>${msg('Send reason')}</button>
    </form>`
  }

  private renderResults(poll: Poll, results: StanceCounts) {
    const total = results.pro + results.contra + results.undecided
    return html`<ul class="results">
        ${POSITIONS.map((p) => {
          const n = results[p]
          const share = total ? Math.round((n / total) * 100) : 0
          return html`<li>
            <span><span aria-hidden="true">${SIGN[p]}</span> ${positionWord(p)}${poll.mine === p ? html` <strong>(${msg('you')})</strong>` : nothing}</span>
            <progress class=${p} max=${total || 1} .value=${n} aria-hidden="true"></progress>
            <span>${n} · ${share} %</span>
          </li>`
        })}
      </ul>
      ${poll.shift ? this.renderShift(poll) : nothing}`
  }

  private renderShift(poll: Poll) {
    const shift = poll.shift!
    let changed = 0
    for (const from of POSITIONS) for (const to of POSITIONS) if (from !== to) changed += shift[from][to]
    return html`<p class="meta">${changed === 1 ? msg('1 person changed their mind.') : msg(str`${changed} people changed their mind.`)}</p>
      ${
        this.compact
          ? nothing
          : html`<div class="shift"><table>
        <caption class="vh">${msg('Votes before (rows) and after (columns)')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('before → after')}</th>
            ${POSITIONS.map((to) => html`<th scope="col">${positionWord(to)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${POSITIONS.map(
            (from) => html`<tr>
              <th scope="row">${positionWord(from)}</th>
              ${POSITIONS.map((to) => html`<td>${shift[from][to]}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table></div>`
      }
      ${
        poll.reasons?.length
          ? html`<h4 class="meta">${msg('Why people changed their mind')}</h4>
            <ul class="reasons">
              ${poll.reasons.map((r) => html`<li>${positionWord(r.from)} → ${positionWord(r.to)}: ${r.reason}</li>`)}
            </ul>`
          : nothing
      }`
  }

  override render() {
    const poll = this.poll
    if (!poll) return nothing
    const subject = paragraphName(this.blocks, poll.anchor)
    const round = poll.before ? msg('second round') : ''
    const heading = poll.status === 'open' ? msg(str`Poll: ${subject}`) : msg(str`Poll result: ${subject}`)
    return html`<section class=${poll.status} aria-labelledby="poll-heading">
      <h3 id="poll-heading">${heading}${round ? html` · ${round}` : nothing}</h3>
      ${poll.status === 'open' ? this.renderOpen(poll) : poll.results ? this.renderResults(poll, poll.results) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-poll-card': MgPollCard
  }
}
