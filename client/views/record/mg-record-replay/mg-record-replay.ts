import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import '../../../components/mg-stance-bar/mg-stance-bar.ts'
import { SIGN, stanceWord } from '../../../components/stances.ts'
import { MgLoadReplayEvent } from '../../../events/load-replay.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Comment, RecordParagraph } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { clock, phaseName } from '../../seminar-shared/seminar-words.ts'
import { recordSection } from '../record.styles.ts'
import { Replay, visible, type Moment } from '../replay.ts'
import { paragraphLabel, timeOfDay } from '../words.ts'

/** The speeds a replay plays at: 1× is as fast as it happened. */
export const SPEEDS = [1, 2, 4, 8, 16] as const
/** How often a playing replay moves on, in milliseconds. */
const TICK = 200
/** How long before the log's first event the replay begins, in milliseconds. */
const LEAD = 1000

/** "5 arguments, 2 replies", as shown under a paragraph. */
function shownCount(args: number, replies: number): string {
  const a = args === 1 ? msg('1 argument') : msg(str`${args} arguments`)
  const r = replies === 1 ? msg('1 reply') : msg(str`${replies} replies`)
  return `${a}, ${r}`
}

/** Strongest first, then newest, as the thread's "top" order. */
const strongest = (a: Comment, b: Comment) => b.votes - a.votes || (a.createdAt < b.createdAt ? 1 : -1)

/**
 * The seminar again, as it stood at any moment: a scrubber over its time from the first event
 * of its log to the last, with play at 1×–16× and a step to the previous or next event, and
 * beneath it the essay with each paragraph's tallies, its lock, the spotlight, who had the
 * floor, the open poll, and the arguments and replies everyone could read then. The log is
 * loaded when the leader opens the replay, not with the record.
 *
 * @summary The record's replay of the seminar.
 * @fires mg-load-replay - Asks for the debate's log, each event with its time.
 */
@customElement('mg-record-replay')
@localized()
export class MgRecordReplay extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.8rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--mg-rule);
        border-radius: 8px;
      }
      .scrub {
        display: flex;
        flex: 1 1 20rem;
        flex-direction: column;
        gap: 0.2rem;
      }
      .scrub input {
        width: 100%;
      }
      .now {
        font-variant-numeric: tabular-nums;
      }
      ol.essay {
        list-style: none;
        margin: 0.8rem 0 0;
        padding: 0;
      }
      ol.essay > li {
        margin: 0 0 0.8rem;
        padding: 0.5rem 0.8rem;
        border-inline-start: 3px solid var(--mg-rule);
      }
      ol.essay > li.spotlit {
        border-inline-start-color: var(--mg-link);
        background: var(--mg-highlight);
      }
      .text {
        margin: 0.2rem 0 0.4rem;
        font-family: var(--mg-font-text);
      }
      .bars {
        display: grid;
        gap: 0.2rem;
        max-width: 28rem;
      }
      ul.thread,
      ul.replies {
        list-style: none;
        margin: 0.3rem 0;
        padding: 0;
      }
      ul.replies {
        padding-inline-start: 1.2rem;
        border-inline-start: 2px solid var(--mg-rule);
      }
      .who {
        font-weight: 600;
      }
      .body {
        margin: 0.15rem 0 0;
        white-space: pre-line;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ]

  /** The record's paragraphs, in reading order: what the replay shows the tallies of. */
  @property({ attribute: false }) paragraphs: readonly RecordParagraph[] = []

  @state() private replay: Replay | null = null
  @state() private loading = false
  @state() private error = ''
  /** Where the scrubber stands: milliseconds since the replay's beginning. */
  @state() private position = 0
  @state() private speed: (typeof SPEEDS)[number] = 1
  @state() private playing = false
  /** Paragraphs whose arguments are unfolded. */
  @state() private unfolded: ReadonlySet<string> = new Set()

  private timer: ReturnType<typeof setInterval> | undefined
  private lastTick = 0

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.pause()
  }

  private async load() {
    this.loading = true
    this.error = ''
    try {
      const events = await request(this, new MgLoadReplayEvent())
      this.replay = new Replay(
        events,
        this.paragraphs.map((p) => p.anchor),
      )
      this.position = 0
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.loading = false
    }
  }

  /** Where the replay begins: a second before the log's first event, with nothing yet happened. */
  private get origin(): number {
    return (this.replay?.first ?? 0) - LEAD
  }

  /** The replay's length in milliseconds, up to the log's last event. */
  private get duration(): number {
    const r = this.replay
    return r?.events.length ? r.end - this.origin : 0
  }

  private seek(ms: number) {
    this.position = Math.max(0, Math.min(this.duration, ms))
  }

  private play() {
    if (this.position >= this.duration) this.position = 0
    this.playing = true
    this.lastTick = performance.now()
    this.timer = setInterval(() => {
      const now = performance.now()
      this.seek(this.position + (now - this.lastTick) * this.speed)
      this.lastTick = now
      if (this.position >= this.duration) this.pause()
    }, TICK)
  }

  private pause() {
    clearInterval(this.timer)
    this.timer = undefined
    this.playing = false
  }

  /** How many of the log's events have happened at the scrubber's position. */
  private get applied(): number {
    return this.replay!.countAt(this.origin + this.position)
  }

  /** To the next event, or to just before the last one that has happened. */
  private step(forward: boolean) {
    const r = this.replay!
    const applied = this.applied
    if (forward && applied < r.events.length) this.seek(r.times[applied]! - this.origin)
    else if (!forward && applied > 0) this.seek(r.times[applied - 1]! - this.origin - 1)
  }

  /** The scrubber's keys: a second, a minute, the start and the end. */
  private onKey(e: KeyboardEvent) {
    const moves: Record<string, number> = {
      ArrowLeft: -1000,
      ArrowDown: -1000,
      ArrowRight: 1000,
      ArrowUp: 1000,
      PageDown: -60_000,
      PageUp: 60_000,
      Home: -Infinity,
      End: Infinity,
    }
    const move = moves[e.key]
    if (move === undefined) return
    e.preventDefault()
    this.seek(this.position + move)
  }

  private renderComment(c: Comment, replies: Map<number, Comment[]>): unknown {
    const under = replies.get(c.id) ?? []
    return html`<li>
      <span class="stance ${c.stance}">${SIGN[c.stance]} ${stanceWord(c.stance, c.depth > 0)}</span>
      <span class="who">${c.author.username}</span>
      <span class="meta">${c.votes === 1 ? msg('1 vote') : msg(str`${c.votes} votes`)}</span>
      ${c.body === null ? nothing : html`<p class="body">${c.body}</p>`}
      ${under.length ? html`<ul class="replies">${under.map((r) => this.renderComment(r, replies))}</ul>` : nothing}
    </li>`
  }

  private renderParagraph(p: RecordParagraph, m: Moment) {
    const tally = m.paragraphs[p.anchor]
    if (!tally) return nothing
    const args: Comment[] = []
    const replies = new Map<number, Comment[]>()
    let replyCount = 0
    for (const c of m.comments.values()) {
      if (c.anchor !== p.anchor || !visible(c)) continue
      if (c.parentId === null) args.push(c)
      else {
        replyCount += 1
        replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c])
      }
    }
    const spotlit = m.spotlight === p.anchor
    const open = this.unfolded.has(p.anchor)
    const toggle = (e: Event) => {
      const next = new Set(this.unfolded)
      if ((e.target as HTMLDetailsElement).open) next.add(p.anchor)
      else next.delete(p.anchor)
      this.unfolded = next
    }
    return html`<li class=${spotlit ? 'spotlit' : ''}>
      <h3>
        ${msg(str`Paragraph ${p.number}`)} ${spotlit ? html`<span class="badge">${msg('Spotlight')}</span>` : nothing}
        ${tally.locked ? html`<span class="badge">${msg('Locked')}</span>` : nothing}
      </h3>
      <p class="text">${p.text}</p>
      <div class="bars">
        <mg-stance-bar kind="arguments" detailed .pro=${tally.counts.pro} .contra=${tally.counts.contra} .other=${tally.counts.neutral}></mg-stance-bar>
        <mg-stance-bar kind="positions" detailed .pro=${tally.positions.pro} .contra=${tally.positions.contra} .other=${tally.positions.undecided}></mg-stance-bar>
      </div>
      <details ?open=${open} @toggle=${toggle}>
        <summary>${shownCount(args.length, replyCount)}</summary>
        ${
          open
            ? html`<ul class="thread">
                ${args.sort(strongest).map((a) => this.renderComment(a, replies))}
              </ul>`
            : nothing
        }
      </details>
    </li>`
  }

  private renderState(m: Moment) {
    const parts = [
      msg(str`Phase: ${m.phase ? phaseName(m.phase) : '–'}`),
      m.spotlight ? msg(str`Spotlight on ${paragraphLabel(this.paragraphs, m.spotlight)}`) : msg('Spotlight off'),
      m.speaker ? msg(str`${m.speaker} has the floor`) : null,
      m.poll === undefined ? null : msg(str`Poll open: ${paragraphLabel(this.paragraphs, m.poll)}`),
    ]
    return html`<p class="state">${parts.filter((p) => p !== null).join(' · ')}</p>`
  }

  private renderReplay(r: Replay) {
    if (!r.events.length) return html`<p>${msg('The log holds no events to replay.')}</p>`
    const m = r.moment(this.applied)
    const where = msg(str`${timeOfDay(this.origin + this.position)}, ${clock(this.position / 1000)} of ${clock(this.duration / 1000)}`)
    const count = msg(str`${m.applied} of ${r.events.length} events`)
    return html`<div class="controls" role="group" aria-label=${msg('Replay controls')}>
        <button type="button" class="btn" @click=${() => this.step(false)} ?disabled=${m.applied === 0}>
          ${msg('Previous event')}
        </button>
        <button type="button" class="btn primary" aria-pressed=${this.playing ? 'true' : 'false'} @click=${() => (this.playing ? this.pause() : this.play())}>
          ${this.playing ? msg('Pause') : msg('Play')}
        </button>
        <button type="button" class="btn" @click=${() => this.step(true)} ?disabled=${m.applied === r.events.length}>
          ${msg('Next event')}
        </button>
        <label>
          ${msg('Speed')}
          <select @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value) as (typeof SPEEDS)[number])}>
            ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
          </select>
        </label>
        <div class="scrub">
          <label for="scrub">${msg('Moment of the seminar')}</label>
          <input
            id="scrub"
            type="range"
            min="0"
            max=${this.duration}
            step="any"
            .value=${String(this.position)}
            aria-valuetext=${where}
            @keydown=${this.onKey}
            @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}
          />
          <span class="now meta">${where} · ${count}</span>
        </div>
      </div>
      ${r.firstSeq > 1 ? html`<p class="meta">${msg(str`The log begins at its event ${r.firstSeq}: what came before is not replayed.`)}</p>` : nothing}
      ${this.renderState(m)}
      <ol class="essay">
        ${this.paragraphs.map((p) => this.renderParagraph(p, m))}
      </ol>`
  }

  override render() {
    return html`<section aria-labelledby="replay-heading">
      <h2 id="replay-heading">${msg('Replay')}</h2>
      ${
        this.replay
          ? this.renderReplay(this.replay)
          : html`<p>${msg('The essay as it stood at any moment of the seminar: its tallies, the spotlight and the arguments, rebuilt from the log.')}</p>
              <button type="button" class="btn" @click=${() => this.load()} ?disabled=${this.loading}>
                ${this.loading ? msg('Loading the replay…') : msg('Open the replay')}
              </button>`
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-replay': MgRecordReplay
  }
}
