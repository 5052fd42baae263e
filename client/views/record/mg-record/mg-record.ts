import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadRecordEvent } from '../../../events/load-record.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import { RECORD_FILES, recordFileUrl, type RecordFile } from '../../../services/record-api.ts'
import type { Block } from '../../../services/types.ts'
import type { RecordState } from '../../../state/record.ts'
import { shared } from '../../../styles/shared.ts'
import '../mg-own-participation/mg-own-participation.ts'
import '../mg-participation-table/mg-participation-table.ts'
import '../mg-record-grading/mg-record-grading.ts'
import '../mg-record-moderation/mg-record-moderation.ts'
import '../mg-record-paragraphs/mg-record-paragraphs.ts'
import '../mg-record-polls/mg-record-polls.ts'
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
 * moderation, everyone's participation and the grading. Anyone else who took part sees their
 * own participation and, once released, their mark. It renders the record it is given and
 * asks for it when there is none for this debate yet or it is stale (the marks were released
 * or taken back), so a participant's mark appears without a reload.
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
  /** The record as last loaded (perhaps another debate's), and whether it is stale. */
  @property({ attribute: false }) record: RecordState = { data: null, stale: false }
  /** The essay's blocks, to name paragraphs by their number. */
  @property({ attribute: false }) blocks: readonly Block[] = []

  @state() private error = ''

  /** The record the last load was asked for, so that each staleness asks once. */
  private asked: RecordState | null = null

  protected override updated(): void {
    const current = this.record.data?.debate.slug === this.debate
    if (this.debate && (!current || this.record.stale) && this.record !== this.asked) {
      this.asked = this.record
      void this.load()
    }
  }

  private async load() {
    try {
      await request(this, new MgLoadRecordEvent())
      this.error = ''
    } catch (err) {
      this.error = errorMessage(err)
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
    const data = this.record.data?.debate.slug === this.debate ? this.record.data : null
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
              <mg-record-timeline .timeline=${data.timeline} .blocks=${this.blocks}></mg-record-timeline>
              <mg-record-polls .polls=${data.polls} .blocks=${this.blocks}></mg-record-polls>
              <mg-record-paragraphs .paragraphs=${data.paragraphs}></mg-record-paragraphs>
              <mg-record-moderation .entries=${data.moderation} .blocks=${this.blocks}></mg-record-moderation>
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
