import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLowerHandEvent } from '../../../events/lower-hand.ts'
import { MgRaiseHandEvent } from '../../../events/raise-hand.ts'
import { errorMessage } from '../../../services/errors.ts'
import { paragraphNumber } from '../../../services/essay.ts'
import { SPEAKER_KINDS } from '../../../services/seminar-api.ts'
import type { Block, QueueEntry, SpeakerKind, Timer } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { timerOver } from '../../../styles/views.ts'
import { CountdownController } from '../../seminar-shared/countdown-controller.ts'
import { personMarks, personMarkStyles } from '../../../components/person-marks.ts'
import { clock, paragraphName, speakerKindWord } from '../../seminar-shared/seminar-words.ts'

/**
 * The speaker queue as a participant sees it: who speaks now (with the timer counting down),
 * the raised hands in order, and the participant's own hand: raise it on a paragraph with
 * what they want to say (an argument, a reply, a question, a point of order), or lower it.
 *
 * @summary A participant's speaker queue.
 * @fires mg-raise-hand - The participant raised (or changed) their hand.
 * @fires mg-lower-hand - The participant lowered their hand.
 */
@customElement('mg-speaker-queue')
@localized()
export class MgSpeakerQueue extends LitElement {
  static override styles = [
    shared,
    personMarkStyles,
    timerOver,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.4rem;
        font-size: 1rem;
      }
      .now {
        margin: 0 0 0.5rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .timer {
        font-variant-numeric: tabular-nums;
        font-weight: 700;
        font-size: 1.15rem;
      }
      ol {
        margin: 0 0 0.5rem;
        padding-inline-start: 1.5rem;
        font-size: 0.9rem;
      }
      li.me {
        font-weight: 700;
      }
      .kind {
        color: var(--mg-muted);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-end;
      }
      label {
        display: grid;
        gap: 0.2rem;
        font-size: 0.85rem;
      }
      select {
        min-height: 2.5rem;
        padding: 0.2rem 0.5rem;
        border: 1px solid var(--mg-muted);
        border-radius: 8px;
        background: var(--mg-raised);
        color: var(--mg-text);
        font: inherit;
      }
      .btn {
        min-height: 2.5rem;
      }
      .error {
        margin: 0.4rem 0 0;
        color: var(--mg-contra);
      }
    `,
  ]

  /** Raised hands in speaking order. */
  @property({ attribute: false }) queue: readonly QueueEntry[] = []
  /** Who speaks now. */
  @property({ attribute: false }) speaker: QueueEntry | null = null
  /** The speaker's timebox. */
  @property({ attribute: false }) timer: Timer | null = null
  /** Server clock minus this device's clock, in milliseconds. */
  @property({ type: Number, attribute: false }) skewMs = 0
  /** The essay's blocks, to name and choose paragraphs. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** The paragraph in the spotlight, offered first. */
  @property({ attribute: false }) spotlight: string | null = null
  /** The reader's user id (null: not signed in). */
  @property({ type: Number, attribute: false }) me: number | null = null
  /** The reader may raise a hand (a signed-in member, the seminar not closed). */
  @property({ type: Boolean, attribute: 'can-raise' }) canRaise = true

  @state() private anchor = ''
  @state() private kind: SpeakerKind = 'argument'
  @state() private busy = false
  @state() private error = ''

  private readonly countdown = new CountdownController(this)

  private get mine(): QueueEntry | null {
    return this.me === null ? null : (this.queue.find((e) => e.user.id === this.me) ?? null)
  }

  private async request(event: MgRaiseHandEvent | MgLowerHandEvent) {
    if (this.busy) return
    this.busy = true
    this.error = ''
    this.dispatchEvent(event)
    try {
      await event.response
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleRaise(e: SubmitEvent) {
    e.preventDefault()
    const anchor = this.anchor || this.spotlight || this.paragraphs()[0]?.anchor
    if (anchor) void this.request(new MgRaiseHandEvent(anchor, this.kind))
  }

  private paragraphs() {
    return this.blocks.filter((b) => b.kind === 'paragraph')
  }

  private who(entry: QueueEntry) {
    return entry.user.id === this.me ? msg(str`${entry.user.name} (you)`) : entry.user.name
  }

  private renderSpeaker() {
    const speaker = this.speaker
    if (!speaker) return html`<p class="now">${msg('Nobody has the floor.')}</p>`
    const seconds = this.countdown.seconds
    return html`<p class="now">
      <span>${msg(str`Speaking now: ${this.who(speaker)}`)}${personMarks(speaker.user)}</span>
      <span class="kind">${speakerKindWord(speaker.kind)} · ${paragraphName(this.blocks, speaker.anchor)}</span>
      ${
        seconds === null
          ? nothing
          : html`<span class="timer ${seconds === 0 ? 'over' : ''}" role="timer" aria-label=${msg(str`${clock(seconds)} left`)}>${seconds === 0 ? msg('Time is up') : clock(seconds)}</span>`
      }
    </p>`
  }

  private renderForm() {
    if (!this.canRaise) return nothing
    const mine = this.mine
    const chosen = this.anchor || mine?.anchor || this.spotlight || ''
    return html`<form @submit=${this.handleRaise}>
      <label
        >${msg('Paragraph')}
        <select @change=${(e: Event) => (this.anchor = (e.target as HTMLSelectElement).value)}>
          ${this.paragraphs().map(
            (b) =>
              html`<option value=${b.anchor} ?selected=${b.anchor === chosen}>${msg(str`Paragraph ${paragraphNumber(this.blocks, b.anchor)}`)}</option>`,
          )}
        </select>
      </label>
      <label
        >${msg('I want to say')}
        <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as SpeakerKind)}>
          ${SPEAKER_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${speakerKindWord(k)}</option>`)}
        </select>
      </label>
      <button class="btn primary" type="submit" ?disabled=${this.busy}>${mine ? msg('Change my hand') : msg('Raise hand')}</button>
      ${
        mine
          ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.request(new MgLowerHandEvent())}>${msg('Lower hand')}</button>`
          : nothing
      }
    </form>`
  }

  override render() {
    this.countdown.follow(this.timer, this.skewMs)
    const mine = this.mine
    const place = mine ? this.queue.indexOf(mine) + 1 : 0
    return html`<section aria-labelledby="queue-heading">
      <h3 id="queue-heading">${msg('Speakers')}</h3>
      ${this.renderSpeaker()}
      ${
        this.queue.length
          ? html`<ol aria-label=${msg('Raised hands in speaking order')}>
            ${this.queue.map(
              (e) => html`<li class=${e.user.id === this.me ? 'me' : ''}>
                ${this.who(e)}${personMarks(e.user)} <span class="kind">· ${speakerKindWord(e.kind)} · ${paragraphName(this.blocks, e.anchor)}</span>
              </li>`,
            )}
          </ol>`
          : html`<p class="kind">${msg('No hands raised.')}</p>`
      }
      ${mine ? html`<p role="status">${msg(str`Your hand is raised: you are number ${place}.`)}</p>` : nothing}
      ${this.renderForm()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-speaker-queue': MgSpeakerQueue
  }
}
