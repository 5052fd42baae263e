import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadOverviewEvent } from '../../../events/load-overview.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Block, Overview, OverviewMember, OverviewParagraph, Person } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import '../../../components/mg-stance-bar/mg-stance-bar.ts'
import { paragraphNumber } from '../../../services/essay.ts'

/** A paragraph where a side has no argument yet. */
export interface MissingSide {
  anchor: string
  /** The paragraph's number, as people say it. */
  n: number
  /** The side without an argument; `both` when the paragraph has none at all. */
  missing: 'pro' | 'contra' | 'both'
}

/** Where arguments of a side are missing, in the essay's order. */
export function missingSides(paragraphs: readonly OverviewParagraph[], blocks: readonly Block[]): MissingSide[] {
  const out: MissingSide[] = []
  for (const p of paragraphs) {
    const missing = p.pro === 0 && p.contra === 0 ? 'both' : p.contra === 0 ? 'contra' : p.pro === 0 ? 'pro' : null
    if (missing) out.push({ anchor: p.anchor, n: paragraphNumber(blocks, p.anchor), missing })
  }
  return out.sort((a, b) => a.n - b.n)
}

export function missingSideText(hint: MissingSide): string {
  const n = hint.n
  if (hint.missing === 'contra') return msg(str`No contra argument on paragraph ${n} yet`)
  if (hint.missing === 'pro') return msg(str`No pro argument on paragraph ${n} yet`)
  return msg(str`No arguments on paragraph ${n} yet`)
}

function personName(p: Person): string {
  return p.pseudonym && p.pseudonym !== p.name ? `${p.name} (${p.pseudonym})` : p.name
}

/**
 * What a leader needs to see the room's progress at a glance: who has taken positions and
 * posted and who has not yet, and per paragraph the balance of pro and contra arguments,
 * with hints where a side is still missing. It loads the overview when shown and again
 * after the room changes (a member joined, an argument or a position), at most once per
 * `throttleMs`, so a busy seminar does not turn into a flood of requests.
 *
 * @summary The leaders' overview of a seminar.
 * @fires mg-load-overview - Loads the overview.
 */
@customElement('mg-seminar-overview')
@localized()
export class MgSeminarOverview extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 0.5rem;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.75rem 0 0.3rem;
      }
      p {
        margin: 0.25rem 0;
      }
      ul {
        margin: 0.25rem 0;
        padding-inline-start: 1.25rem;
      }
      .hints li {
        color: var(--mg-danger);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.875rem;
      }
      th,
      td {
        padding: 0.25rem 0.4rem;
        border-bottom: 1px solid var(--mg-rule);
        text-align: start;
        font-variant-numeric: tabular-nums;
      }
      td.bar {
        width: 35%;
      }
      .muted {
        color: var(--mg-muted);
      }
    `,
  ]

  /** The essay's blocks, to number the paragraphs; a new array (new counts) reloads the overview. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** How many have joined; a change reloads the overview. */
  @property({ type: Number }) members = 0
  /** Test seam: the least time between two loads, in milliseconds. */
  @property({ type: Number, attribute: false }) throttleMs = 3000

  @state() private overview: Overview | null = null
  @state() private error = ''

  private lastLoad = -Infinity
  private loading = false
  private again = false
  private timer: ReturnType<typeof setTimeout> | null = null

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('blocks') || changed.has('members')) this.requestLoad()
  }

  /** Loads now, or once `throttleMs` has passed since the last load. */
  private requestLoad() {
    if (this.loading) {
      this.again = true
      return
    }
    if (this.timer) return
    const wait = this.lastLoad + this.throttleMs - Date.now()
    if (wait <= 0) void this.load()
    else
      this.timer = setTimeout(() => {
        this.timer = null
        void this.load()
      }, wait)
  }

  private async load() {
    this.loading = true
    this.again = false
    this.lastLoad = Date.now()
    try {
      this.overview = await request(this, new MgLoadOverviewEvent())
      this.error = ''
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.loading = false
    }
    if (this.again && this.isConnected) this.requestLoad()
  }

  private renderPeople(overview: Overview) {
    const participants = overview.members.filter((m) => m.role === 'participant')
    const positioned = participants.filter((m) => m.positions > 0)
    const posted = participants.filter((m) => m.comments > 0)
    const names = (list: OverviewMember[]) => list.map((m) => personName(m.user)).join(', ')
    const noPosition = participants.filter((m) => m.positions === 0)
    const silent = participants.filter((m) => m.comments === 0)
    const total = participants.length
    return html`<h3>${msg('Participants')}</h3>
      <p>${msg(str`${positioned.length} of ${total} have taken a position; ${posted.length} of ${total} have posted.`)}</p>
      ${noPosition.length ? html`<p><b>${msg('No position yet:')}</b> ${names(noPosition)}</p>` : nothing}
      ${silent.length ? html`<p><b>${msg('Nothing posted yet:')}</b> ${names(silent)}</p>` : nothing}
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Name')}</th>
            <th scope="col">${msg('Positions')}</th>
            <th scope="col">${msg('Arguments')}</th>
            <th scope="col">${msg('Replies')}</th>
          </tr>
        </thead>
        <tbody>
          ${overview.members.map(
            (m) => html`<tr>
              <th scope="row">
                ${personName(m.user)}
                ${m.guest ? html`<span class="muted">· ${msg('guest')}</span>` : nothing}
                ${m.role !== 'participant' ? html`<span class="muted">· ${msg('leads')}</span>` : nothing}
                ${m.online ? html`<span class="muted">· ${msg('online')}</span>` : nothing}
              </th>
              <td>${m.positions}</td>
              <td>${m.participation.arguments}</td>
              <td>${m.participation.replies}</td>
            </tr>`,
          )}
        </tbody>
      </table>`
  }

  private renderParagraphs(overview: Overview) {
    const hints = missingSides(overview.paragraphs, this.blocks)
    const rows = [...overview.paragraphs].sort((a, b) => paragraphNumber(this.blocks, a.anchor) - paragraphNumber(this.blocks, b.anchor))
    return html`<h3>${msg('Arguments per paragraph')}</h3>
      ${
        hints.length
          ? html`<ul class="hints" aria-label=${msg('Sides still missing')}>
            ${hints.map((h) => html`<li>${missingSideText(h)}</li>`)}
          </ul>`
          : html`<p>${msg('Every paragraph has arguments on both sides.')}</p>`
      }
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Paragraph')}</th>
            <th scope="col">${msg('Pro')}</th>
            <th scope="col">${msg('Contra')}</th>
            <th scope="col">${msg('Neutral')}</th>
            <th scope="col">${msg('Positions')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) => html`<tr>
              <th scope="row">${paragraphNumber(this.blocks, p.anchor) || p.anchor}</th>
              <td>${p.pro}</td>
              <td>${p.contra}</td>
              <td>${p.neutral}</td>
              <td class="bar">
                <mg-stance-bar kind="positions" .pro=${p.positions.pro} .contra=${p.positions.contra} .other=${p.positions.undecided} detailed></mg-stance-bar>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`
  }

  override render() {
    const overview = this.overview
    return html`<section aria-label=${msg('Overview')}>
      ${
        overview
          ? html`${this.renderPeople(overview)} ${this.renderParagraphs(overview)}`
          : html`<p aria-busy=${this.error ? 'false' : 'true'}>${this.error ? nothing : msg('Loading the overview…')}</p>`
      }
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-seminar-overview': MgSeminarOverview
  }
}
