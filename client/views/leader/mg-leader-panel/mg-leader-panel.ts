import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgClosePollEvent } from '../../../events/close-poll.ts'
import { MgNextSpeakerEvent } from '../../../events/next-speaker.ts'
import { MgOpenPollEvent } from '../../../events/open-poll.ts'
import { MgRemoveHandEvent } from '../../../events/remove-hand.ts'
import { request, type RequestEvent } from '../../../events/request.ts'
import { MgRevokeJoinCodeEvent } from '../../../events/revoke-join-code.ts'
import { MgRotateJoinCodeEvent } from '../../../events/rotate-join-code.ts'
import { MgSetPhaseEvent } from '../../../events/set-phase.ts'
import { MgSetSpotlightEvent } from '../../../events/set-spotlight.ts'
import { MgSetTimerEvent } from '../../../events/set-timer.ts'
import { errorMessage } from '../../../services/errors.ts'
import { paragraphNumber } from '../../../services/essay.ts'
import { absoluteTime } from '../../../services/format.ts'
import { formatJoinCode, PHASES } from '../../../services/seminar-api.ts'
import type { Block, Phase, Poll, QueueEntry, Room, RosterMember } from '../../../services/types.ts'
import { emptyMembers, type MemberList } from '../../../state/members.ts'
import { CountdownController } from '../../seminar-shared/countdown-controller.ts'
import { clock, joinLink, paragraphName, phaseName, speakerKindWord } from '../../seminar-shared/seminar-words.ts'
import { POSITIONS, positionWord } from '../../../components/stances.ts'
import '../mg-roster/mg-roster.ts'
import '../mg-seminar-overview/mg-seminar-overview.ts'
import { markedName, personMarks } from '../../../components/person-marks.ts'
import { styles } from './mg-leader-panel.styles.ts'

/** Phases whose step needs a second click: revealing everything, and ending the seminar. */
const CONFIRMED: readonly Phase[] = ['open', 'closed']

/**
 * The seminar leader's controls: the phase (Reading → Private → Open → Closed, revealing
 * and closing only after a confirmation), the spotlight, stance polls (on the spotlighted
 * paragraph or the whole essay; closing; an "after" round of a closed poll; the live vote
 * count), the speaker queue (next speaker with an optional timebox, taking a hand down,
 * the timer), the join code (rotate, revoke) and a link to the projector view; below them
 * the overview of who has taken part and the roster. It renders the room it is given; the
 * changes its requests cause come back as live events.
 *
 * @summary The seminar leader's panel.
 * @fires mg-set-phase, mg-set-spotlight, mg-open-poll, mg-close-poll, mg-next-speaker, mg-remove-hand, mg-set-timer,
 *   mg-rotate-join-code, mg-revoke-join-code - Each request steering the seminar; awaits the outcome.
 */
@customElement('mg-leader-panel')
@localized()
export class MgLeaderPanel extends LitElement {
  static override styles = styles

  /** The seminar's slug. */
  @property() debate = ''
  /** The group whose arguments the threads show alone; null: every group's. */
  @property({ attribute: false }) shownGroup: number | null = null
  /** The seminar's room, as the leaders see it (with the join code). */
  @property({ attribute: false }) room: Room | null = null
  /** The essay's blocks, to choose a paragraph and name it. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** Server clock minus this device's clock, for the timer. */
  @property({ type: Number, attribute: false }) skewMs = 0
  /** The leader may appoint and dismiss co-moderators (the owner, or an admin). */
  @property({ type: Boolean, attribute: 'can-appoint' }) canAppoint = false
  /** The seminar's members as last loaded, for the roster. */
  @property({ attribute: false }) roster: MemberList<RosterMember> = emptyMembers().roster

  @state() private busy = false
  @state() private error = ''
  /** What the last request did, in words made at each render: they follow a switch of the language. */
  @state() private done: (() => string) | null = null
  /** The phase whose step waits to be confirmed. */
  @state() private confirming: Phase | null = null
  /** The paragraph chosen for the spotlight (defaults to the spotlighted one, or the first). */
  @state() private chosen = ''
  /** Speaking time for the next speaker and the timer, in seconds; empty for none. */
  @state() private seconds = ''
  /** The overview and the roster load only once opened. */
  @state() private showOverview = false
  @state() private showRoster = false
  @state() private showGroups = false

  private readonly countdown = new CountdownController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('blocks')) {
      const paragraphs = this.paragraphs()
      if (!paragraphs.some((b) => b.anchor === this.chosen)) this.chosen = this.room?.spotlight ?? paragraphs[0]?.anchor ?? ''
    }
    this.countdown.follow(this.room?.timer ?? null, this.skewMs)
  }

  private paragraphs(): Block[] {
    return this.blocks.filter((b) => b.kind === 'paragraph')
  }

  /** Sends one request; `done` is announced when it succeeds, the server's refusal shown when not. */
  private async send<T>(event: RequestEvent<T>, done: () => string): Promise<T | undefined> {
    if (this.busy) return undefined
    this.busy = true
    this.error = ''
    this.done = null
    try {
      const result = await request(this, event)
      this.done = done
      return result
    } catch (err) {
      this.error = errorMessage(err)
      return undefined
    } finally {
      this.busy = false
    }
  }

  private handleStep(phase: Phase) {
    if (phase === this.room?.phase) return
    if (CONFIRMED.includes(phase)) {
      this.confirming = phase
      return
    }
    void this.changePhase(phase)
  }

  private async changePhase(phase: Phase) {
    this.confirming = null
    await this.send(new MgSetPhaseEvent(phase), () => msg(str`The seminar is now in the phase: ${phaseName(phase)}.`))
  }

  private spotlight(anchor: string | null) {
    const done = () => (anchor === null ? msg('The spotlight is off.') : msg(str`Spotlight on ${paragraphName(this.blocks, anchor)}.`))
    void this.send(new MgSetSpotlightEvent(anchor), done)
  }

  /** The paragraph before (-1) or after (+1) the spotlighted one. */
  private step(by: -1 | 1) {
    const paragraphs = this.paragraphs()
    const at = paragraphs.findIndex((b) => b.anchor === this.room?.spotlight)
    const next = paragraphs[at === -1 ? (by === 1 ? 0 : paragraphs.length - 1) : at + by]
    if (next) this.spotlight(next.anchor)
  }

  private openPoll(anchor: string | null) {
    void this.send(new MgOpenPollEvent(anchor ? { anchor } : {}), () => msg(str`The poll is open: ${paragraphName(this.blocks, anchor)}.`))
  }

  private secondsValue(): number | undefined {
    const n = Number(this.seconds)
    return this.seconds.trim() && Number.isInteger(n) && n > 0 ? n : undefined
  }

  private nextSpeaker() {
    const seconds = this.secondsValue()
    void this.send(new MgNextSpeakerEvent(seconds), () => msg('The next speaker has the floor.'))
  }

  private whoText(entry: QueueEntry): string {
    const pseudonym = entry.user.pseudonym && entry.user.pseudonym !== entry.user.name ? ` (${entry.user.pseudonym})` : ''
    return `${entry.user.name}${pseudonym}`
  }

  private renderPhase(room: Room) {
    return html`<section aria-labelledby="phase-heading">
      <h3 id="phase-heading">${msg('Phase')}</h3>
      <ol class="steps">
        ${PHASES.map(
          (p) => html`<li>
            <button class="btn" aria-current=${p === room.phase ? 'step' : 'false'} ?disabled=${this.busy} @click=${() => this.handleStep(p)}>
              ${phaseName(p)}
            </button>
          </li>`,
        )}
      </ol>
      ${
        this.confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">
              ${
                this.confirming === 'open'
                  ? msg('Reveal everything? Everyone will see all arguments and positions, including the tallies.')
                  : msg('Close the seminar? Nobody can write, vote or raise a hand any more; it is kept as a record.')
              }
            </p>
            <div class="row">
              <button class="btn primary" ?disabled=${this.busy} @click=${() => this.changePhase(this.confirming!)}>
                ${this.confirming === 'open' ? msg('Reveal') : msg('Close the seminar')}
              </button>
              <button class="btn quiet" @click=${() => (this.confirming = null)}>${msg('Cancel')}</button>
            </div>
          </div>`
          : nothing
      }
    </section>`
  }

  private renderSpotlight(room: Room) {
    const paragraphs = this.paragraphs()
    return html`<section aria-labelledby="spotlight-heading">
      <h3 id="spotlight-heading">${msg('Spotlight')}</h3>
      <p class="meta">
        ${room.spotlight ? msg(str`Now: ${paragraphName(this.blocks, room.spotlight)}`) : msg('No paragraph is spotlighted.')}
      </p>
      <div class="row">
        <button class="btn" ?disabled=${this.busy} aria-label=${msg('Spotlight the previous paragraph')} @click=${() => this.step(-1)}>←</button>
        <select aria-label=${msg('Paragraph to spotlight')} .value=${this.chosen} @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
          ${paragraphs.map(
            (b) =>
              html`<option value=${b.anchor} ?selected=${b.anchor === this.chosen}>${msg(str`Paragraph ${paragraphNumber(this.blocks, b.anchor)}`)}: ${b.text.slice(0, 40)}…</option>`,
          )}
        </select>
        <button class="btn primary" ?disabled=${this.busy || !this.chosen} @click=${() => this.spotlight(this.chosen)}>${msg('Spotlight')}</button>
        <button class="btn" ?disabled=${this.busy} aria-label=${msg('Spotlight the next paragraph')} @click=${() => this.step(1)}>→</button>
        <button class="btn quiet" ?disabled=${this.busy || !room.spotlight} @click=${() => this.spotlight(null)}>${msg('Clear')}</button>
      </div>
    </section>`
  }

  private renderResults(poll: Poll) {
    const r = poll.results
    if (!r) return nothing
    const moved = poll.shift
      ? POSITIONS.reduce((sum, from) => sum + POSITIONS.reduce((s, to) => s + (from === to ? 0 : poll.shift![from][to]), 0), 0)
      : null
    return html`<p class="meta">
      ${POSITIONS.map((s) => `${positionWord(s)} ${r[s]}`).join(' · ')}${moved === null ? nothing : html` · ${msg(str`Changed their mind: ${moved}`)}`}
    </p>`
  }

  private renderPoll(room: Room) {
    const poll = room.poll
    const closed = room.phase === 'closed'
    if (poll?.status === 'open') {
      return html`<section aria-labelledby="poll-heading">
        <h3 id="poll-heading">${msg('Poll')}</h3>
        <p class="meta">
          ${poll.before === null ? msg(str`Open: ${paragraphName(this.blocks, poll.anchor)}`) : msg(str`After round open: ${paragraphName(this.blocks, poll.anchor)}`)}
          · <span class="votes">${poll.votes === 1 ? msg('1 vote') : msg(str`${poll.votes} votes`)}</span>
        </p>
        <button class="btn primary" ?disabled=${this.busy} @click=${() => this.send(new MgClosePollEvent(poll.id), () => msg('The poll is closed.'))}>
          ${msg('Close the poll')}
        </button>
      </section>`
    }
    return html`<section aria-labelledby="poll-heading">
      <h3 id="poll-heading">${msg('Poll')}</h3>
      ${
        poll
          ? html`<p class="meta">${msg(str`Last poll: ${paragraphName(this.blocks, poll.anchor)}`)}</p>
            ${this.renderResults(poll)}`
          : nothing
      }
      <div class="row">
        <button class="btn" ?disabled=${this.busy || closed || !room.spotlight} @click=${() => this.openPoll(room.spotlight)}>
          ${room.spotlight ? msg(str`Poll on ${paragraphName(this.blocks, room.spotlight)}`) : msg('Poll on the spotlighted paragraph')}
        </button>
        <button class="btn" ?disabled=${this.busy || closed} @click=${() => this.openPoll(null)}>${msg('Poll on the whole essay')}</button>
        ${
          poll && poll.status === 'closed' && poll.before === null
            ? html`<button
              class="btn"
              ?disabled=${this.busy || closed}
              @click=${() => this.send(new MgOpenPollEvent({ before: poll.id }), () => msg('The after round is open.'))}
            >
              ${msg('Run again as after round')}
            </button>`
            : nothing
        }
      </div>
    </section>`
  }

  private renderQueue(room: Room) {
    const left = this.countdown.seconds
    const closed = room.phase === 'closed'
    return html`<section aria-labelledby="queue-heading">
      <h3 id="queue-heading">${msg('Speakers')}</h3>
      <p class="meta">
        ${
          room.speaker
            ? `${msg(str`Speaking: ${markedName(this.whoText(room.speaker), room.speaker.user)}`)} · ${speakerKindWord(room.speaker.kind)} · ${paragraphName(this.blocks, room.speaker.anchor)}`
            : msg('Nobody has the floor.')
        }
        ${left === null ? nothing : html` · <span class="timer" role="timer">${clock(left)}</span>`}
      </p>
      ${
        room.queue.length
          ? html`<ul class="queue" aria-label=${msg('Raised hands in speaking order')}>
            ${room.queue.map(
              (e) => html`<li>
                <span class="who">${this.whoText(e)}${personMarks(e.user)} · ${speakerKindWord(e.kind)} · ${paragraphName(this.blocks, e.anchor)}</span>
                <button
                  class="btn quiet"
                  ?disabled=${this.busy}
                  aria-label=${msg(str`Take down the hand of ${this.whoText(e)}`)}
                  @click=${() => this.send(new MgRemoveHandEvent(e.id), () => msg(str`The hand of ${this.whoText(e)} is down.`))}
                >
                  ${msg('Take down')}
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p class="meta">${msg('No hands are raised.')}</p>`
      }
      <div class="row">
        <label>
          ${msg('Speaking time (seconds)')}
          <input
            type="number"
            min="10"
            max="3600"
            step="10"
            .value=${this.seconds}
            @input=${(e: Event) => (this.seconds = (e.target as HTMLInputElement).value)}
          />
        </label>
        <button class="btn primary" ?disabled=${this.busy || closed} @click=${this.nextSpeaker}>${msg('Next speaker')}</button>
        <button
          class="btn"
          ?disabled=${this.busy || closed || this.secondsValue() === undefined}
          @click=${() => this.send(new MgSetTimerEvent(this.secondsValue()!), () => msg('The timer is running.'))}
        >
          ${msg('Start the timer')}
        </button>
        <button class="btn quiet" ?disabled=${this.busy || closed || !room.timer} @click=${() => this.send(new MgSetTimerEvent(null), () => msg('The timer is stopped.'))}>
          ${msg('Stop the timer')}
        </button>
      </div>
    </section>`
  }

  private renderJoinCode(room: Room) {
    const code = room.joinCode?.joinCode ?? null
    const expires = room.joinCode?.expiresAt ?? null
    return html`<section aria-labelledby="join-heading">
      <h3 id="join-heading">${msg('Joining')}</h3>
      ${
        code
          ? html`<p><span class="vh">${msg('Join code:')} </span><span class="code">${formatJoinCode(code)}</span></p>
            <p class="meta"><a class="link" href=${joinLink(code)} target="_blank" rel="noopener">${joinLink(code)}</a></p>
            ${expires ? html`<p class="meta">${msg(str`Valid until ${absoluteTime(expires)}`)}</p>` : nothing}`
          : html`<p class="meta">${msg('There is no join code: nobody new can join.')}</p>`
      }
      <div class="row">
        <button class="btn" ?disabled=${this.busy} @click=${() => this.send(new MgRotateJoinCodeEvent(), () => msg('There is a new join code; the old one no longer works.'))}>
          ${code ? msg('New code') : msg('Make a code')}
        </button>
        ${
          code
            ? html`<button class="btn quiet" ?disabled=${this.busy} @click=${() => this.send(new MgRevokeJoinCodeEvent(), () => msg('The join code no longer works.'))}>
              ${msg('Revoke the code')}
            </button>`
            : nothing
        }
        <a class="btn" href="/d/${this.debate}/projector" target="_blank" rel="noopener">${msg('Open the projector view')}</a>
        <a class="btn" href="/d/${this.debate}/record">${msg('Record')}</a>
      </div>
    </section>`
  }

  /** Opens or closes the groups; the page loads their chunk the first time (`mg-want-groups`). */
  private toggleGroups(open: boolean) {
    if (open) this.dispatchEvent(new Event('mg-want-groups', { bubbles: true, composed: true }))
    this.showGroups = open
  }

  override render() {
    const room = this.room
    if (!room) return html`<div class="panel" aria-busy="true"><p>${msg('Loading the seminar…')}</p></div>`
    return html`<div class="panel" role="region" aria-labelledby="lead-heading">
      <h2 id="lead-heading">${msg('Leading the seminar')}</h2>
      <p class="mode">
        ${room.anonymous ? msg('Anonymous: participants see each other by pseudonym; you see real names.') : msg('Participants see each other by name.')}
        · ${room.members === 1 ? msg('1 member') : msg(str`${room.members} members`)}
      </p>
      ${this.renderPhase(room)} ${this.renderSpotlight(room)} ${this.renderPoll(room)} ${this.renderQueue(room)} ${this.renderJoinCode(room)}
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      <div class="vh" role="status">${this.done?.() ?? ''}</div>
      <details @toggle=${(e: Event) => (this.showOverview = (e.target as HTMLDetailsElement).open)}>
        <summary>${msg('Overview')}</summary>
        ${this.showOverview ? html`<mg-seminar-overview .blocks=${this.blocks} .members=${room.members}></mg-seminar-overview>` : nothing}
      </details>
      <details @toggle=${(e: Event) => this.toggleGroups((e.target as HTMLDetailsElement).open)}>
        <summary>${msg('Groups')}</summary>
        ${this.showGroups ? html`<mg-groups-panel .groups=${room.groups} .shown=${this.shownGroup} ?closed=${room.phase === 'closed'}></mg-groups-panel>` : nothing}
      </details>
      <details @toggle=${(e: Event) => (this.showRoster = (e.target as HTMLDetailsElement).open)}>
        <summary>${msg('Roster')}</summary>
        ${
          this.showRoster
            ? html`<mg-roster ?anonymous=${room.anonymous} ?can-appoint=${this.canAppoint} .roster=${this.roster}></mg-roster>`
            : nothing
        }
      </details>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-leader-panel': MgLeaderPanel
  }
}
