import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadRecordEvent } from '../../../events/load-record.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import { RECORD_FILES, recordFileUrl, type RecordFile } from '../../../services/record-api.ts'
import type { RecordResponse } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import '../mg-own-participation/mg-own-participation.ts'
import '../mg-participation-table/mg-participation-table.ts'
import '../mg-record-grading/mg-record-grading.ts'
import '../mg-record-moderation/mg-record-moderation.ts'
import '../mg-record-paragraphs/mg-record-paragraphs.ts'
import '../mg-record-polls/mg-record-polls.ts'
import '../mg-record-replay/mg-record-replay.ts'
import '../mg-record-timeline/mg-record-timeline.ts'
import { recordSection } from '../record.styles.ts'
import { when } from '../words.ts'

/** What each download holds, in words. */
function fileLabel(file: RecordFile): string {
  if (file === 'participation.csv') return msg('Participation and marks (CSV)')
  if (file === 'contributions.csv') return msg('Every argument and reply (CSV)')
  if (file === 'record.md') return msg('Minutes (Markdown)')
  if (file === 'record.json') return msg('The whole record (JSON)')
  return msg('Argument map (Argdown)')
}

/**
 * A debate's record at `/d/<debate>/record`. Its leaders and moderators see the whole of it:
 * the downloads, the timeline, the polls, the paragraphs with their strongest arguments, the
 * replay, the moderation, everyone's participation and the grading. Anyone else who took part
 * sees their own participation and, once released, their mark. It renders the record it is
 * given and asks for it when there is none for this debate (not loaded yet, or dropped as out
 * of date when the marks were released or taken back), showing the last one meanwhile, so a
 * participant's mark appears without a reload.
 *
 * @summary The seminar's record: minutes, participation, marks and exports.
 * @fires mg-load-record - Asks for the debate's record, which comes back through `record`.
 */
@customElement('mg-record')
@localized()
export class MgRecord extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      :host {
        max-width: 72rem;
        margin-top: 0;
      }
      h1 {
        font-family: var(--mg-font-text);
        font-size: 1.8rem;
        margin: 0.4rem 0 0.2rem;
      }
      .downloads ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      @media print {
        nav {
          display: none;
        }
      }
    `,
  ]

  /** The debate's slug. */
  @property() debate = ''
  /** The record as last loaded (perhaps another debate's); absent until loaded and once out of date. */
  @property({ attribute: false }) record: RecordResponse | undefined = undefined

  @state() private error = ''

  /** The last record of this debate shown, shown on while its successor loads. */
  private shown: RecordResponse | null = null
  private loading = false

  /** The record given, if it is this debate's. */
  private get current(): RecordResponse | null {
    return this.record?.debate.slug === this.debate ? this.record : null
  }

  protected override updated(): void {
    const current = this.current
    if (current) this.shown = current
    // A failed load is not retried by itself: the next record given (or the next debate) is.
    else if (this.debate && !this.loading && !this.error) void this.load()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('debate')) this.shown = null
    if (changed.has('record') && this.current) this.error = ''
  }

  private async load() {
    this.loading = true
    try {
      await request(this, new MgLoadRecordEvent())
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.loading = false
    }
  }

  private renderDownloads() {
    return html`<section class="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">${msg('Downloads')}</h2>
      <ul>
        ${RECORD_FILES.map(
          (file) => html`<li><a class="btn" href=${recordFileUrl(this.debate, file)} download>${fileLabel(file)}</a></li>`,
        )}
      </ul>
    </section>`
  }

  override render() {
    const data = this.current ?? (this.shown?.debate.slug === this.debate ? this.shown : null)
    const back = html`<nav aria-label=${msg('Record')}><a href="/d/${this.debate}">${msg('Back to the debate')}</a></nav>`
    if (!data) {
      return html`${back}
        <h1>${msg('Record')}</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p aria-busy="true">${msg('Loading the record…')}</p>`}`
    }
    const full = data.scope === 'full'
    return html`${back}
      <h1>${msg(str`Record: ${data.debate.title}`)}</h1>
      <p class="meta">${msg(str`As of ${when(data.generatedAt)}`)}</p>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      ${
        full
          ? html`${this.renderDownloads()}
              <mg-record-timeline .timeline=${data.timeline} .paragraphs=${data.paragraphs}></mg-record-timeline>
              <mg-record-polls .polls=${data.polls} .paragraphs=${data.paragraphs}></mg-record-polls>
              <mg-record-paragraphs .paragraphs=${data.paragraphs}></mg-record-paragraphs>
              <mg-record-replay .paragraphs=${data.paragraphs}></mg-record-replay>
              <mg-record-moderation .entries=${data.moderation} .paragraphs=${data.paragraphs}></mg-record-moderation>
              <mg-participation-table .rows=${data.participation}></mg-participation-table>
              <mg-record-grading .rows=${data.participation} .grading=${data.grading}></mg-record-grading>`
          : html`<mg-own-participation .row=${data.participation[0] ?? null} .grading=${data.grading}></mg-own-participation>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record': MgRecord
  }
}
