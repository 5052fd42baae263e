import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgReleaseGradesEvent } from '../../../events/release-grades.ts'
import { request, type RequestEvent } from '../../../events/request.ts'
import { MgSetGradeEvent } from '../../../events/set-grade.ts'
import { MgSetGradingEvent } from '../../../events/set-grading.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { GradingRule, Participation, RecordGrading } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { number, when } from '../words.ts'

/**
 * The leaders' grading: the rule that earns full marks (so many arguments and replies, marks
 * scaled to what was done or all-or-nothing, what full marks are worth), then per participant
 * the computed mark, an adjusted mark and a comment, each row saved on its own, and the
 * button that releases the marks to the participants or takes them back. The outcome of each
 * request is announced; its failure is shown beside the form.
 *
 * @summary The record's grading.
 * @fires mg-set-grading - Sets the rule; awaits the outcome.
 * @fires mg-set-grade - Saves one participant's adjusted mark and comment; awaits the outcome.
 * @fires mg-release-grades - Releases the marks or takes them back; awaits the outcome.
 */
@customElement('mg-record-grading')
@localized()
export class MgRecordGrading extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      form.rule {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem 1rem;
        align-items: end;
      }
      label {
        display: grid;
        gap: 0.2rem;
        font-size: 0.85rem;
        font-weight: 600;
      }
      .release {
        margin-top: 0.6rem;
      }
      input,
      select {
        font: inherit;
        font-size: 0.9rem;
        padding: 0.25rem 0.4rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
      input[type='number'] {
        width: 6rem;
      }
      ul.marks {
        list-style: none;
        margin: 0.6rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      form.mark {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.8rem;
        align-items: end;
        padding: 0.4rem 0.6rem;
        border: 1px solid var(--mg-rule);
        border-radius: 8px;
      }
      form.mark .who {
        min-width: 12rem;
        font-weight: 600;
      }
      form.mark .comment {
        flex: 1;
        min-width: 12rem;
      }
      form.mark .comment input {
        width: 100%;
      }
      @media print {
        .release {
          display: none;
        }
      }
    `,
  ]

  /** Everyone's participation, with their marks once there is a rule. */
  @property({ attribute: false }) rows: readonly Participation[] = []
  /** The rule and when the marks were released. */
  @property({ attribute: false }) grading: RecordGrading = { rule: null, releasedAt: null }

  @state() private busy = false
  @state() private error = ''
  /** What the last request did, in words made at each render: they follow a switch of the language. */
  @state() private done: (() => string) | null = null

  private async send(event: RequestEvent, done: () => string) {
    if (this.busy) return
    this.busy = true
    this.error = ''
    this.done = null
    try {
      await request(this, event)
      this.done = done
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleRule(e: SubmitEvent) {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    const rule = {
      arguments: Number(data.get('arguments')),
      replies: Number(data.get('replies')),
      mode: data.get('mode') as GradingRule['mode'],
      points: Number(data.get('points')),
    }
    void this.send(new MgSetGradingEvent(rule), () => msg('The rule is saved; the marks follow it.'))
  }

  private handleMark(row: Participation, e: SubmitEvent) {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    const adjusted = String(data.get('adjusted') ?? '').trim()
    const comment = String(data.get('comment') ?? '').trim()
    const name = row.person.name
    void this.send(new MgSetGradeEvent(row.person.id, adjusted === '' ? null : Number(adjusted.replace(',', '.')), comment || null), () =>
      msg(str`The mark for ${name} is saved.`),
    )
  }

  private renderRule() {
    const rule = this.grading.rule
    return html`<form class="rule" aria-labelledby="rule-heading" @submit=${this.handleRule}>
      <h3 id="rule-heading" class="vh">${msg('The rule')}</h3>
      <label>${msg('Arguments for full marks')}<input name="arguments" type="number" min="0" max="100" required .value=${String(rule?.arguments ?? 2)} /></label>
      <label>${msg('Replies for full marks')}<input name="replies" type="number" min="0" max="100" required .value=${String(rule?.replies ?? 1)} /></label>
      <label>${msg('Counting')}
        <select name="mode">
          <option value="scaled" ?selected=${rule?.mode !== 'all-or-nothing'}>${msg('Scaled to what was done')}</option>
          <option value="all-or-nothing" ?selected=${rule?.mode === 'all-or-nothing'}>${msg('All or nothing')}</option>
        </select>
      </label>
      <label>${msg('Full marks are worth')}<input name="points" type="number" min="1" max="1000" required .value=${String(rule?.points ?? 10)} /></label>
      <button class="btn primary" ?disabled=${this.busy}>${msg('Save the rule')}</button>
    </form>`
  }

  private renderMarks() {
    const participants = this.rows.filter((r) => r.person.role === 'participant')
    if (!this.grading.rule) return html`<p>${msg('Set the rule first: the marks are computed by it.')}</p>`
    return html`<h3>${msg('Marks')}</h3>
      <ul class="marks">
        ${participants.map((r) => {
          const name = r.person.name
          const mark = r.mark
          return html`<li>
            <form class="mark" aria-label=${msg(str`Mark for ${name}`)} @submit=${(e: SubmitEvent) => this.handleMark(r, e)}>
              <span class="who">${name}</span>
              <span>${msg(str`Computed: ${mark ? number(mark.computed) : '–'}`)}</span>
              <label>${msg('Adjusted mark')}<input name="adjusted" type="number" min="0" max="1000" step="0.01" .value=${mark?.adjusted === null || mark?.adjusted === undefined ? '' : String(mark.adjusted)} /></label>
              <label class="comment">${msg('Comment')}<input name="comment" maxlength="2000" .value=${mark?.comment ?? ''} /></label>
              <button class="btn" ?disabled=${this.busy}>${msg('Save')}</button>
            </form>
          </li>`
        })}
      </ul>`
  }

  override render() {
    const released = this.grading.releasedAt
    return html`<section aria-labelledby="grading-heading">
      <h2 id="grading-heading">${msg('Grading')}</h2>
      ${this.renderRule()} ${this.renderMarks()}
      <p class="meta">${released ? msg(str`The marks were released ${when(released)}.`) : msg('The marks are not released: participants do not see them.')}</p>
      <div class="release">
        <button class="btn ${released ? '' : 'primary'}" ?disabled=${this.busy || !this.grading.rule} @click=${() =>
          this.send(new MgReleaseGradesEvent(!released), () =>
            released ? msg('The marks are taken back.') : msg('The marks are released to the participants.'),
          )}>
          ${released ? msg('Take back the marks') : msg('Release the marks')}
        </button>
      </div>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      <div class="vh" role="status">${this.done?.() ?? ''}</div>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-grading': MgRecordGrading
  }
}
