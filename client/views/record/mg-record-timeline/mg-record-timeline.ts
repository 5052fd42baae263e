import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { RecordParagraph, TimelineEntry } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { timelineText, when } from '../words.ts'

/**
 * The seminar's steps as its log recorded them, oldest first: phases, spotlights, speakers,
 * timers, polls opened and closed, paragraphs locked and unlocked, each with its time.
 *
 * @summary The record's timeline.
 */
@customElement('mg-record-timeline')
@localized()
export class MgRecordTimeline extends LitElement {
  static override styles = [shared, recordSection]

  /** The steps, oldest first. */
  @property({ attribute: false }) timeline: readonly TimelineEntry[] = []
  /** The record's paragraphs, to name them by their number. */
  @property({ attribute: false }) paragraphs: readonly RecordParagraph[] = []

  override render() {
    return html`<section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${msg('Timeline')}</h2>
      ${
        this.timeline.length
          ? html`<div class="table-wrap"><table>
              <caption>${msg('What happened, in order')}</caption>
              <thead><tr><th scope="col">${msg('Time')}</th><th scope="col">${msg('Step')}</th></tr></thead>
              <tbody>
                ${this.timeline.map((t) => html`<tr><td><time datetime=${t.at}>${when(t.at)}</time></td><td>${timelineText(t, this.paragraphs)}</td></tr>`)}
              </tbody>
            </table></div>`
          : html`<p>${msg('No steps were recorded.')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-timeline': MgRecordTimeline
  }
}
