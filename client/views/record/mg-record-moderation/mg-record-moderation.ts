import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { RecordParagraph, RecordModeration } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { actionWord, paragraphLabel, when } from '../words.ts'

/**
 * What the moderators did in the debate, oldest first: when, who, what, on which paragraph,
 * and the reason they gave.
 *
 * @summary The record's moderation.
 */
@customElement('mg-record-moderation')
@localized()
export class MgRecordModeration extends LitElement {
  static override styles = [shared, recordSection]

  /** The moderation actions, oldest first. */
  @property({ attribute: false }) entries: readonly RecordModeration[] = []
  /** The record's paragraphs, to name them by their number. */
  @property({ attribute: false }) paragraphs: readonly RecordParagraph[] = []

  override render() {
    return html`<section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">${msg('Moderation')}</h2>
      ${
        this.entries.length
          ? html`<div class="table-wrap"><table>
              <caption>${msg('Moderation actions and their reasons')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Time')}</th>
                  <th scope="col">${msg('Moderator')}</th>
                  <th scope="col">${msg('Action')}</th>
                  <th scope="col">${msg('Where')}</th>
                  <th scope="col">${msg('Reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.entries.map(
                  (m) => html`<tr>
                    <td><time datetime=${m.at}>${when(m.at)}</time></td>
                    <td>${m.actor}</td>
                    <td>${actionWord(m.action)}</td>
                    <td>${m.anchor ? paragraphLabel(this.paragraphs, m.anchor) : '–'}</td>
                    <td>${m.reason ?? '–'}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
          : html`<p>${msg('Nothing was moderated.')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-moderation': MgRecordModeration
  }
}
