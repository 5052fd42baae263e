import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgFollowLeaderEvent } from '../../../events/follow-leader.ts'
import { MgLoadPreviousPollEvent } from '../../../events/load-previous-poll.ts'
import { MgLowerHandEvent } from '../../../events/lower-hand.ts'
import { MgRaiseHandEvent } from '../../../events/raise-hand.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Block, Phase, Poll, Room, User } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import '../mg-poll-card/mg-poll-card.ts'
import '../mg-speaker-queue/mg-speaker-queue.ts'
import { paragraphName, phaseName } from '../../seminar-shared/seminar-words.ts'

/** What each phase means for a participant, in one sentence. */
function phaseMeaning(phase: Phase): string {
  if (phase === 'reading') return msg('Reading phase: no arguments yet. Read the essay; the leader opens the debate.')
  if (phase === 'private') return msg('Private phase: only you and the leaders see your arguments and positions.')
  if (phase === 'open') return msg('Open phase: everyone sees all arguments and positions; debate them.')
  return msg('Closed: the seminar is over and kept as a record; nothing can be changed.')
}

/**
 * A seminar as a participant follows it, above the essay: its title, the phase and what it
 * means, the anonymity mode, the "follow the leader" switch, the current poll and the speaker
 * queue with the timer. It stays at the top of the screen. On a phone it starts folded to its
 * title, phase and switches, with the hand to raise (on the spotlighted paragraph, for an
 * argument) and the current poll below them, and never takes more than a third of the screen;
 * unfolded, the rest scrolls inside it.
 *
 * @summary The participants' seminar bar.
 * @fires mg-follow-leader - The participant turned following the spotlight on or off.
 * @fires mg-raise-hand - The participant raised their hand from the folded bar.
 * @fires mg-lower-hand - The participant lowered their hand from the folded bar.
 * @fires mg-load-previous-poll - An "after" round is open and the round before it is not known (after a reload).
 */
@customElement('mg-seminar-bar')
@localized()
export class MgSeminarBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        position: sticky;
        top: 0;
        z-index: 2;
        margin: 0 0 1.5rem;
      }
      .bar {
        /* A phone keeps two thirds of its screen for the essay. */
        max-height: 33vh;
        max-height: 33dvh;
        overflow: auto;
        overscroll-behavior: contain;
        scrollbar-width: thin;
        scrollbar-color: var(--mg-muted) transparent;
        padding: 0.6rem 0.9rem;
        border: 1px solid var(--mg-rule);
        border-radius: 12px;
        background: var(--mg-bg);
        box-shadow: 0 4px 12px rgb(0 0 0 / 0.08);
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 1rem;
      }
      .title {
        /* The title's line, beside the button that folds the bar; the rest wraps below. */
        flex: 1 1 calc(100% - 7rem);
        /* A long title is cut short with an ellipsis; it never widens the bar. */
        contain: inline-size;
        margin: 0;
        overflow: hidden;
        font-size: 1rem;
        font-weight: 700;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .bar:not(.folded) .title {
        white-space: normal;
      }
      .phase {
        font-weight: 600;
      }
      .chip {
        padding: 0.05rem 0.55rem;
        border: 1px solid var(--mg-rule);
        border-radius: 999px;
        font-size: 0.8rem;
      }
      .spacer {
        flex: 1;
      }
      .meaning,
      .mode {
        margin: 0.4rem 0 0;
        line-height: 1.45;
        font-size: 0.95rem;
      }
      .mode {
        color: var(--mg-muted);
      }
      label.follow {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        min-height: 2.25rem;
        font-size: 0.9rem;
      }
      label.follow input {
        width: 1.1rem;
        height: 1.1rem;
      }
      .error {
        margin: 0;
        color: var(--mg-contra);
      }
      .parts {
        display: grid;
        /* A wide table in the poll's result scrolls in its own box, never widens the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
        margin-top: 0.6rem;
      }
      @media (min-width: 48rem) {
        .bar {
          max-height: 70vh;
          padding: 0.75rem 1rem;
        }
        .title {
          font-size: 1.05rem;
        }
        .parts {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
    `,
  ]

  /** The seminar's title, as its leader named it. */
  @property({ attribute: 'seminar-title' }) seminarTitle = ''
  /** The seminar's room. */
  @property({ attribute: false }) room: Room | null = null
  /** The essay's blocks, to name paragraphs. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** The signed-in reader. */
  @property({ attribute: false }) user: User | null = null
  /** The reader follows the leader's spotlight. */
  @property({ type: Boolean }) follow = true
  /** Server clock minus this device's clock, in milliseconds. */
  @property({ type: Number, attribute: false }) skewMs = 0
  /** The "before" round of an open "after" poll, with the reader's vote in it. */
  @property({ attribute: false }) previous: Poll | null = null
  /** The reader leads the seminar (their panel steers it; this bar only shows it). */
  @property({ type: Boolean }) leader = false

  /** On a phone the bar starts folded to its top line and the current poll, leaving the screen to the essay. */
  @state() private folded = typeof matchMedia === 'function' && matchMedia('(max-width: 47.99rem)').matches
  @state() private handBusy = false
  @state() private handError = ''

  /** Tells the page how much of its top the bar covers, so paragraphs scrolled to stay clear of it. */
  private sizer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.publishHeight()) : null
  /** The height last published. */
  private height = 0
  /** The round before last asked for, so that it is asked for once. */
  private asked: number | null = null

  override connectedCallback(): void {
    super.connectedCallback()
    this.sizer?.observe(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.sizer?.disconnect()
    document.documentElement.style.removeProperty('--mg-sticky-top')
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The reader's vote in the round before tells whether the poll card asks why they moved.
    if (!changed.has('room') && !changed.has('previous')) return
    const poll = this.room?.poll
    const before = poll?.status === 'open' ? poll.before : null
    if (before === null || before === undefined || this.previous?.id === before || this.asked === before) return
    this.asked = before
    this.dispatchEvent(new MgLoadPreviousPollEvent(before))
  }

  private publishHeight() {
    const box = this.getBoundingClientRect()
    const height = Math.ceil(box.height)
    const grown = this.height ? height - this.height : 0
    this.height = height
    document.documentElement.style.setProperty('--mg-sticky-top', `${height}px`)
    // The browser keeps what was in view where it was, so a bar grown on top of the page would
    // cover the spotlighted paragraph the reader follows: the page moves down with the bar.
    if (grown > 0 && this.follow && this.room?.spotlight && box.top <= 0 && window.scrollY > 0) window.scrollBy(0, -grown)
  }

  private handleFollow(e: Event) {
    this.dispatchEvent(new MgFollowLeaderEvent((e.target as HTMLInputElement).checked))
  }

  /** Raises the hand on the spotlighted (or first) paragraph for an argument, or lowers it; the unfolded queue offers the rest. */
  private async handleHand(raised: boolean) {
    const anchor = this.room?.spotlight ?? this.blocks.find((b) => b.kind === 'paragraph')?.anchor
    if (this.handBusy || !anchor) return
    this.handBusy = true
    this.handError = ''
    const event = raised ? new MgLowerHandEvent() : new MgRaiseHandEvent(anchor, 'argument')
    this.dispatchEvent(event)
    try {
      await event.response
    } catch (err) {
      this.handError = errorMessage(err)
    } finally {
      this.handBusy = false
    }
  }

  private renderHand(room: Room) {
    const me = this.user?.id
    const mine = room.queue.findIndex((e) => e.user.id === me)
    return html`<button class="btn ${mine < 0 ? 'primary' : ''}" ?disabled=${this.handBusy} @click=${() => this.handleHand(mine >= 0)}>
        ${mine < 0 ? msg('Raise hand') : msg(str`Lower hand (number ${mine + 1})`)}
      </button>
      ${this.handError ? html`<p class="error" role="alert">${this.handError}</p>` : nothing}`
  }

  override render() {
    const room = this.room
    if (!room) return html`<div class="bar" aria-busy="true">${msg('Loading the seminar…')}</div>`
    const closed = room.phase === 'closed'
    const myGroup = room.groups.groups.find((g) => g.id === room.groups.mine)
    const member = this.user !== null
    const poll = room.poll
      ? html`<mg-poll-card .poll=${room.poll} .previous=${this.previous} .blocks=${this.blocks} .canVote=${member && !closed && !this.leader} ?compact=${this.folded}></mg-poll-card>`
      : nothing
    return html`<section class="bar ${this.folded ? 'folded' : ''}" aria-label=${msg('Seminar')}>
      <div class="top">
        ${this.seminarTitle ? html`<p class="title" title=${this.seminarTitle}>${this.seminarTitle}</p>` : nothing}
        <button class="btn quiet" aria-expanded=${this.folded ? 'false' : 'true'} @click=${() => (this.folded = !this.folded)}>
          ${this.folded ? msg('Show') : msg('Fold')}
        </button>
        <span class="phase">${msg(str`Phase: ${phaseName(room.phase)}`)}</span>
        ${myGroup ? html`<span class="phase">${msg(str`Your group: Group ${myGroup.letter}`)}</span>` : nothing}
        ${
          this.folded
            ? nothing
            : html`<span class="chip">${room.anonymous ? msg('Anonymous') : msg('With names')}</span>
              <span class="chip">${room.members === 1 ? msg('1 participant') : msg(str`${room.members} participants`)}</span>
              ${room.spotlight ? html`<span class="chip">${msg(str`Spotlight: ${paragraphName(this.blocks, room.spotlight)}`)}</span>` : nothing}`
        }
        <span class="spacer"></span>
        ${
          // The bar shows on the seminar's page, /d/<debate>, whose record is beside it.
          member && !this.folded
            ? html`<a href="${location.pathname.replace(/\/+$/, '')}/record">${msg('Your participation')}</a>`
            : nothing
        }
        <label class="follow"><input type="checkbox" .checked=${this.follow} @change=${this.handleFollow} /> ${msg('Follow the leader')}</label>
        ${this.folded && member && !closed && !this.leader ? this.renderHand(room) : nothing}
      </div>
      ${
        this.folded
          ? room.poll
            ? html`<div class="parts">${poll}</div>`
            : nothing
          : html`<p class="meaning">${phaseMeaning(room.phase)}</p>
            ${room.groups.state === 'working' ? html`<p class="meaning">${msg('Group work: you see and write only within your group.')}</p>` : nothing}
            ${room.groups.state === 'plenum' ? html`<p class="meaning">${msg('Plenum: everyone sees every group’s arguments, each labelled with its group.')}</p>` : nothing}
            <p class="mode">
              ${
                room.anonymous
                  ? msg('Anonymous seminar: participants see each other under pseudonyms; only the leaders see real names.')
                  : msg('Seminar with names: everyone sees who wrote what.')
              }
            </p>
            <div class="parts">
              ${poll}
              <mg-speaker-queue
                .queue=${room.queue}
                .speaker=${room.speaker}
                .timer=${room.timer}
                .skewMs=${this.skewMs}
                .blocks=${this.blocks}
                .spotlight=${room.spotlight}
                .me=${this.user?.id ?? null}
                .canRaise=${member && !closed && !this.leader}
              ></mg-speaker-queue>
            </div>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-seminar-bar': MgSeminarBar
  }
}
