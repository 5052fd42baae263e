import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { paragraphNumber } from '../../../services/essay.ts'
import { formatJoinCode } from '../../../services/seminar-api.ts'
import type { Block, Person, Poll, PositionStance, Room } from '../../../services/types.ts'
import { CountdownController } from '../../seminar-shared/countdown-controller.ts'
import '../mg-qr-code/mg-qr-code.ts'
import { personMarks } from '../../../components/person-marks.ts'
import { clock, joinLink, paragraphName, phaseName, speakerKindWord } from '../../seminar-shared/seminar-words.ts'
import { POSITIONS, positionWord, SIGN } from '../../../components/stances.ts'
import { styles } from './mg-projector.styles.ts'

/** Where the room is divided: both sides argue, and neither has more than twice the other's arguments. */
export function contested(counts: { pro: number; contra: number }): boolean {
  return counts.pro > 0 && counts.contra > 0 && Math.max(counts.pro, counts.contra) <= 2 * Math.min(counts.pro, counts.contra)
}
/** The groups are at work or back in the plenum: the projector compares them. */
const grouped = (room: Room) => room.groups.state === 'working' || room.groups.state === 'plenum'

/** How many waiting hands the projector lists; the rest are counted. */
const WAITING_SHOWN = 5

/** A move between the rounds of a poll: `count` voters went from `from` to `to`. */
export interface Move {
  from: PositionStance
  to: PositionStance
  count: number
}

/** Who changed side between the rounds, largest group first; those who stayed are left out. */
export function moves(poll: Poll): Move[] {
  const shift = poll.shift
  if (!shift) return []
  const out: Move[] = []
  for (const from of POSITIONS)
    for (const to of POSITIONS) if (from !== to && shift[from][to] > 0) out.push({ from, to, count: shift[from][to] })
  return out.sort((a, b) => b.count - a.count)
}

/** A proportional bar of `parts` (drawn as SVG geometry: the page's CSP forbids inline styles). */
function bar(parts: { value: number; cls: string }[]) {
  const total = parts.reduce((s, p) => s + p.value, 0)
  let x = 0
  return svg`<svg viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
    <rect class="track" width="100" height="1"></rect>
    ${
      total
        ? parts.map((p) => {
            const w = (p.value / total) * 100
            const r = svg`<rect class=${p.cls} x=${x} width=${w} height="1"></rect>`
            x += w
            return r
          })
        : nothing
    }
  </svg>`
}

/**
 * What the seminar's room sees on the wall: the spotlighted paragraph in large type, a strip
 * over the whole essay with each paragraph's pro/contra balance, the contested ones marked (held
 * back with a note while the seminar reads or writes privately, since everyone sees the wall), the poll (its vote
 * count while open, then the result with who changed side and why), the speaker with the
 * timer and the queue, and the join code with a QR code of the join link. In an anonymous
 * seminar people appear by pseudonym only. Dark on light, whatever the system's scheme.
 *
 * @summary The projector view of a seminar.
 */
@customElement('mg-projector')
@localized()
export class MgProjector extends LitElement {
  static override styles = styles

  /** The seminar's slug. */
  @property() debate = ''
  /** The title of the essay debated. */
  @property() essayTitle = ''
  /** The seminar's room (with the join code, which only leaders receive). */
  @property({ attribute: false }) room: Room | null = null
  /** The essay's blocks: the spotlighted text and the balance per paragraph. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** Server clock minus this device's clock, for the timer. */
  @property({ type: Number, attribute: false }) skewMs = 0

  private readonly countdown = new CountdownController(this)
  /** The groups' chunk has loaded, once the seminar has had groups at work. */
  @state() private groupsReady = false

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('fullscreenchange', this.handleFullScreen)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('fullscreenchange', this.handleFullScreen)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('skewMs')) this.countdown.follow(this.room?.timer ?? null, this.skewMs)
  }

  protected override updated(): void {
    // The page loads the groups' chunk when asked; the comparison shows once it is defined.
    if (this.room && grouped(this.room) && !this.groupsReady) {
      this.dispatchEvent(new Event('mg-want-groups', { bubbles: true, composed: true }))
      // Defined as the chunk runs; its handlers are registered as it finishes, before the next task.
      void customElements
        .whenDefined('mg-group-comparison')
        .then(() => new Promise((done) => setTimeout(done)))
        .then(() => (this.groupsReady = true))
    }
  }

  /** The name the whole room may see: the pseudonym in an anonymous seminar. */
  private shown(person: Person): string {
    return this.room?.anonymous ? (person.pseudonym ?? person.name) : person.name
  }

  /** The marks beside a name on the screen: in an anonymous seminar the role only, as the participants see it. */
  private marks(person: Person) {
    return personMarks(this.room?.anonymous ? { role: person.role ?? null } : person)
  }

  private handleFullScreen = () => this.requestUpdate()

  private fullScreen() {
    void this.requestFullscreen?.().catch(() => undefined)
  }

  private renderSpotlight(room: Room) {
    const block = room.spotlight ? this.blocks.find((b) => b.anchor === room.spotlight) : undefined
    return html`<section class="spotlight" aria-labelledby="spot-heading">
      <h2 id="spot-heading">${block ? paragraphName(this.blocks, block.anchor) : msg('Spotlight')}</h2>
      ${block ? html`<blockquote lang="de">${block.text}</blockquote>` : html`<p class="note">${msg('No paragraph is in the spotlight.')}</p>`}
    </section>`
  }

  private renderStrip(room: Room) {
    const revealed = room.phase === 'open' || room.phase === 'closed'
    const paragraphs = this.blocks.filter((b) => b.kind === 'paragraph')
    return html`<section class="strip" aria-labelledby="strip-heading">
      <h2 id="strip-heading">${msg('Arguments per paragraph')}</h2>
      ${
        revealed
          ? html`<ol>
            ${paragraphs.map((b) => {
              const n = paragraphNumber(this.blocks, b.anchor)
              const divided = contested(b.counts)
              const label = msg(str`Paragraph ${n}: ${b.counts.pro} pro, ${b.counts.contra} contra`)
              return html`<li class="${b.anchor === room.spotlight ? 'current' : ''} ${divided ? 'contested' : ''}" aria-label=${divided ? `${label}, ${msg('contested')}` : label}>
                <span class="n">${n}</span>${divided ? html` <span class="contested-mark" aria-hidden="true">${msg('contested')}</span>` : nothing}
                ${bar([
                  { value: b.counts.pro, cls: 'pro' },
                  { value: b.counts.contra, cls: 'contra' },
                ])}
                <span class="numbers" aria-hidden="true"><span class="pro">${SIGN.pro}${b.counts.pro}</span> <span class="contra">${SIGN.contra}${b.counts.contra}</span></span>
              </li>`
            })}
          </ol>`
          : html`<p class="note">${msg('The balance of arguments is shown once the arguments are revealed.')}</p>`
      }
    </section>`
  }

  private renderResults(poll: Poll) {
    const results = poll.results
    if (!results) return nothing
    const total = POSITIONS.reduce((s, p) => s + results[p], 0)
    const moved = moves(poll)
    const stayed = poll.shift ? POSITIONS.reduce((s, p) => s + poll.shift![p][p], 0) : 0
    return html`<div class="results">
        ${POSITIONS.map(
          (p) => html`<span class=${p}>${SIGN[p]} ${positionWord(p)}</span>
            ${bar([
              { value: results[p], cls: p },
              { value: total - results[p], cls: 'track' },
            ])}
            <span class="count">${results[p]}</span>`,
        )}
      </div>
      <div class="shift">
      ${
        poll.shift
          ? html`<h2>${msg('Who changed their mind')}</h2>
            ${
              moved.length
                ? html`<ul class="moves">
                  ${moved.map((m) => html`<li><span class=${m.from}>${positionWord(m.from)}</span> → <span class=${m.to}>${positionWord(m.to)}</span>: <b>${m.count}</b></li>`)}
                </ul>`
                : html`<p>${msg('Nobody changed their mind.')}</p>`
            }
            <p class="meta">${msg(str`Kept their stance: ${stayed}`)}</p>`
          : nothing
      }
      ${
        poll.reasons?.length
          ? html`<h2>${msg('Why')}</h2>
            <ul class="reasons">
              ${poll.reasons.map((r) => html`<li><q>${r.reason}</q> <span class="meta">(${positionWord(r.from)} → ${positionWord(r.to)})</span></li>`)}
            </ul>`
          : nothing
      }
      </div>`
  }

  private renderPoll(room: Room) {
    const poll = room.poll
    if (!poll) return html`<section class="poll"></section>`
    const subject = paragraphName(this.blocks, poll.anchor)
    return html`<section class="poll ${poll.shift ? 'compared' : ''}" aria-labelledby="poll-heading">
      <h2 id="poll-heading">
        ${
          poll.status === 'open'
            ? poll.before === null
              ? msg(str`Vote now: ${subject}`)
              : msg(str`Vote again: ${subject}`)
            : poll.before === null
              ? msg(str`Poll result: ${subject}`)
              : msg(str`Before and after: ${subject}`)
        }
      </h2>
      ${
        poll.status === 'open'
          ? html`<p class="speaker" aria-live="polite">${poll.votes === 1 ? msg('1 vote so far') : msg(str`${poll.votes} votes so far`)}</p>`
          : this.renderResults(poll)
      }
    </section>`
  }

  private renderQueue(room: Room) {
    const left = this.countdown.seconds
    const waiting = room.queue.slice(0, WAITING_SHOWN)
    const more = room.queue.length - waiting.length
    return html`<section class="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">${msg('Speakers')}</h2>
      ${
        room.speaker
          ? html`<p class="speaker">${this.shown(room.speaker.user)}${this.marks(room.speaker.user)}</p>
            <p class="meta">${speakerKindWord(room.speaker.kind)} · ${paragraphName(this.blocks, room.speaker.anchor)}</p>`
          : html`<p class="note">${msg('Nobody has the floor.')}</p>`
      }
      ${left === null ? nothing : html`<span class="timer ${left === 0 ? 'over' : ''}" role="timer" aria-label=${msg('Time left')}>${clock(left)}</span>`}
      ${
        waiting.length
          ? html`<ol class="waiting" aria-label=${msg('Next speakers')}>
            ${waiting.map((e) => html`<li>${this.shown(e.user)}${this.marks(e.user)} <span class="meta">· ${speakerKindWord(e.kind)}</span></li>`)}
          </ol>
          ${more > 0 ? html`<p class="meta">${msg(str`and ${more} more`)}</p>` : nothing}`
          : nothing
      }
    </section>`
  }

  private renderJoin(room: Room) {
    // Only leaders receive the code; anyone else who opens the projector sees no joining box.
    if (!room.joinCode) return html`<aside class="join"></aside>`
    const code = room.joinCode.joinCode
    if (!code) return html`<aside class="join"><p class="note">${msg('Joining is closed.')}</p></aside>`
    const link = joinLink(code)
    return html`<aside class="join" aria-labelledby="join-heading">
      <h2 id="join-heading">${msg('Join')}</h2>
      <span class="code">${formatJoinCode(code)}</span>
      <mg-qr-code .value=${link} label=${msg(str`QR code of the join link ${link}`)}></mg-qr-code>
      <span class="link">${link}</span>
    </aside>`
  }

  override render() {
    const room = this.room
    if (!room) return html`<div class="screen"><p class="note">${msg('Loading the seminar…')}</p></div>`
    return html`<div class="screen">
      <header>
        <h1>${this.essayTitle}</h1>
        <span class="tag">${msg(str`Phase: ${phaseName(room.phase)}`)}</span>
        <span>${room.anonymous ? msg('Anonymous') : msg('With names')}</span>
        <span>${room.members === 1 ? msg('1 member') : msg(str`${room.members} members`)}</span>
        ${
          document.fullscreenEnabled && !document.fullscreenElement
            ? html`<button class="btn" @click=${this.fullScreen}>${msg('Full screen')}</button>`
            : nothing
        }
      </header>
      ${this.renderSpotlight(room)} ${this.renderJoin(room)} ${this.renderStrip(room)} ${this.renderPoll(room)} ${this.renderQueue(room)}
      ${this.groupsReady && grouped(room) ? html`<mg-group-comparison .blocks=${this.blocks} .groups=${room.groups}></mg-group-comparison>` : nothing}
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-projector': MgProjector
  }
}
