import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { markedName } from '../../../components/person-marks.ts'
import type { Participation } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'
import { number, when } from '../words.ts'

type Value = string | number | null

interface Column {
  key: string
  label: () => string
  value: (row: Participation) => Value
  /** Shown as a number, aligned right. */
  numeric?: boolean
  show?: (row: Participation) => string
}

const count = (key: keyof Participation & string, label: () => string): Column => ({
  key,
  label,
  value: (r) => r[key] as number,
  numeric: true,
})

/** The name a participant goes by, with their pseudonym in an anonymous seminar. */
function displayName(r: Participation): string {
  const p = r.person
  return markedName(p.pseudonym && p.pseudonym !== p.name ? `${p.name} (${p.pseudonym})` : p.name, p)
}

/** A group's place from its letter (A = 0, …, Z = 25, AA = 26, …), so that groups sort as they were formed. */
function groupPlace(letter: string): number {
  return [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
}

const NAME: Column = { key: 'name', label: () => msg('Name'), value: (r) => r.person.name.toLocaleLowerCase(), show: displayName }

/** Shown only where the seminar had small groups. */
const GROUP: Column = {
  key: 'group',
  label: () => msg('Group'),
  value: (r) => (r.group === null ? null : groupPlace(r.group)),
  // Its own id: the readers' bundle has the same words for a comment's tag, translated on its own.
  show: (r) => (r.group === null ? '–' : msg(str`Group ${r.group}`, { id: 'record-group-letter' })),
}

/** The columns after the name (and the group). */
const COLUMNS: readonly Column[] = [
  count('arguments', () => msg('Arguments')),
  count('replies', () => msg('Replies')),
  count('pro', () => msg('Pro')),
  count('contra', () => msg('Contra')),
  count('neutral', () => msg('Neutral')),
  count('votesGiven', () => msg('Votes given')),
  count('votesReceived', () => msg('Votes received')),
  count('positions', () => msg('Positions')),
  count('pollVotes', () => msg('Poll votes')),
  count('stanceShifts', () => msg('Changes of side')),
  count('speakingTurns', () => msg('Speaking turns')),
  count('flagsReceived', () => msg('Flags received')),
  { key: 'firstActivity', label: () => msg('First activity'), value: (r) => r.firstActivity, show: (r) => when(r.firstActivity) },
  { key: 'lastActivity', label: () => msg('Last activity'), value: (r) => r.lastActivity, show: (r) => when(r.lastActivity) },
  {
    key: 'mark',
    label: () => msg('Mark'),
    value: (r) => r.mark?.mark ?? null,
    numeric: true,
    show: (r) => (r.mark ? number(r.mark.mark) : '–'),
  },
]

/** The table's columns: the group's beside the name when anyone was in a group. */
function columnsFor(rows: readonly Participation[]): readonly Column[] {
  return rows.some((r) => r.group !== null) ? [NAME, GROUP, ...COLUMNS] : [NAME, ...COLUMNS]
}

/** Orders two values, what is missing last whichever the direction. */
function compare(a: Value, b: Value, direction: 1 | -1): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))) * direction
}

/**
 * Everyone's participation, one row a person: their small group (where there were groups),
 * arguments, replies and their stances, votes given and received, positions, poll votes and
 * changes of side, speaking turns, flags, first and last activity, and the mark. Every column
 * sorts from the button in its header (again: the other way round); the header says how the
 * table is sorted (`aria-sort`).
 *
 * @summary The record's participation table.
 */
@customElement('mg-participation-table')
@localized()
export class MgParticipationTable extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
      th button.sort {
        all: unset;
        cursor: pointer;
        font-weight: 600;
      }
      th button.sort:focus-visible {
        outline: 3px solid var(--mg-focus);
        outline-offset: 2px;
      }
      th button.sort .dir {
        display: inline-block;
        min-width: 1ch;
        margin-inline-start: 0.2em;
      }
      @media print {
        thead th:first-child {
          width: 14%;
        }
      }
    `,
  ]

  /** The participation rows, as the record lists them. */
  @property({ attribute: false }) rows: readonly Participation[] = []

  @state() private sortKey = 'name'
  @state() private direction: 1 | -1 = 1

  private sortBy(key: string) {
    if (this.sortKey === key) this.direction = this.direction === 1 ? -1 : 1
    else {
      this.sortKey = key
      // Counts are read most first; names and times from the start.
      this.direction = columnsFor(this.rows).find((c) => c.key === key)?.numeric ? -1 : 1
    }
  }

  override render() {
    const columns = columnsFor(this.rows)
    const column = columns.find((c) => c.key === this.sortKey) ?? NAME
    const rows = [...this.rows].sort(
      (a, b) => compare(column.value(a), column.value(b), this.direction) || a.person.name.localeCompare(b.person.name),
    )
    const order = this.direction === 1 ? 'ascending' : 'descending'
    return html`<section aria-labelledby="participation-heading">
      <h2 id="participation-heading">${msg('Participation')}</h2>
      <div class="table-wrap">
        <table>
          <caption>${msg(str`Participation of ${rows.length} people; sorted by ${column.label()}`)}</caption>
          <thead>
            <tr>
              ${columns.map(
                (c) => html`<th scope="col" class=${c.numeric ? 'n' : nothing} aria-sort=${c.key === this.sortKey ? order : 'none'}>
                  <button class="sort" @click=${() => this.sortBy(c.key)}>
                    ${c.label()}<span class="dir" aria-hidden="true">${c.key === this.sortKey ? (this.direction === 1 ? '▲' : '▼') : ''}</span>
                  </button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr>
                ${columns.map((c, i) => {
                  const shown = c.show ? c.show(r) : String(c.value(r))
                  return i === 0 ? html`<th scope="row">${shown}</th>` : html`<td class=${c.numeric ? 'n' : nothing}>${shown}</td>`
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-participation-table': MgParticipationTable
  }
}
