import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadLogEvent } from '../../../events/load-log.ts'
import { paragraphNumber } from '../../../services/essay.ts'
import type { Block, LogEntry } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { absoluteTime } from '../../../services/format.ts'
import { shared } from '../../../styles/shared.ts'

/** Each logged action in words, in the order the filter offers them. */
const ACTIONS: Record<string, () => string> = {
  hide: () => msg('Hidden'),
  unhide: () => msg('Shown again'),
  'auto-hide': () => msg('Hidden automatically'),
  pin: () => msg('Pinned'),
  unpin: () => msg('Unpinned'),
  delete: () => msg('Deleted'),
  remove: () => msg('Removed for good'),
  approve: () => msg('Approved'),
  keep: () => msg('Kept'),
  return: () => msg('Returned for revision'),
  reattach: () => msg('Moved to another paragraph'),
  settings: () => msg('Settings changed'),
  lock: () => msg('Debate locked'),
  unlock: () => msg('Debate unlocked'),
  'lock-paragraph': () => msg('Paragraph locked'),
  'unlock-paragraph': () => msg('Paragraph unlocked'),
  appoint: () => msg('Appointed moderator'),
  dismiss: () => msg('Dismissed as moderator'),
  mute: () => msg('Muted'),
  unmute: () => msg('Unmuted'),
  ban: () => msg('Banned'),
  unban: () => msg('Ban lifted'),
  'watch-word': () => msg('Word watched'),
  'unwatch-word': () => msg('Word no longer watched'),
}

/** An action in words; an action this page does not know by its name. */
function actionName(action: string): string {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action]!() : action
}

/** The first words of a text, with an ellipsis when there are more. */
function openingWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/)
  return words.length > count ? `${words.slice(0, count).join(' ')} …` : words.join(' ')
}

/** The fields of a snapshot the log shows; each may be missing, as in entries written before it. */
interface Snapshot {
  text?: unknown
  body?: unknown
  depth?: unknown
  pattern?: unknown
  author?: { username?: unknown }
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined)

/**
 * What an entry acted on, as a reader names it: a paragraph by its number and first words,
 * an argument or reply by its author and first words, a member by name, a watched word as
 * written.
 */
function targetName(entry: LogEntry, blocks: readonly Block[]): string {
  const snapshot = (entry.snapshot && typeof entry.snapshot === 'object' ? entry.snapshot : {}) as Snapshot
  const { type, id } = entry.target
  if (type === 'paragraph') {
    const n = paragraphNumber(blocks, id)
    const text = asText(blocks.find((b) => b.anchor === id)?.text) ?? asText(snapshot.text)
    const name = n ? msg(str`Paragraph ${n}`) : msg('A paragraph no longer in the essay')
    return text ? msg(str`${name}: “${openingWords(text)}”`) : name
  }
  if (type === 'comment') {
    const author = asText(snapshot.author?.username)
    const kind = snapshot.depth === 0 ? 'argument' : snapshot.depth === undefined ? 'unknown' : 'reply'
    const name = author
      ? kind === 'argument'
        ? msg(str`Argument by ${author}`)
        : kind === 'reply'
          ? msg(str`Reply by ${author}`)
          : msg(str`Comment by ${author}`)
      : msg(str`Comment ${id}`)
    const body = asText(snapshot.body)
    return body ? msg(str`${name}: “${openingWords(body)}”`) : name
  }
  if (type === 'debate') return msg('The debate')
  if (type === 'word') return asText(snapshot.pattern) ?? msg(str`Word ${id}`)
  return id
}

/**
 * The debate's moderation log: who did what to which comment or member, when and why,
 * newest first, narrowed to one kind of action if wanted, and downloadable as CSV with the
 * same filter.
 *
 * @summary The moderation log.
 * @fires mg-load-log - Asks for the entries (on first render and on each filter change).
 */
@customElement('mg-mod-log')
@localized()
export class MgModLog extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      table {
        width: 100%;
        margin-top: 0.5rem;
        border-collapse: collapse;
        font-size: 0.85rem;
      }
      th,
      td {
        padding: 0.25rem 0.4rem;
        border-bottom: 1px solid var(--mg-rule);
        text-align: start;
      }
      select {
        font: inherit;
      }
    `,
  ]

  /** The debate's slug, for the CSV link. */
  @property() debate = ''
  /** The essay's blocks, to name a paragraph by its number and first words. */
  @property({ attribute: false }) blocks: readonly Block[] = []

  @state() private action = ''
  @state() private entries: LogEntry[] = []
  @state() private error = ''

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    const event = new MgLoadLogEvent(this.action)
    this.dispatchEvent(event)
    try {
      this.entries = await event.response
      this.error = ''
    } catch (err) {
      this.error = errorMessage(err)
    }
  }

  private handleFilter(e: Event) {
    this.action = (e.target as HTMLSelectElement).value
    void this.load()
  }

  override render() {
    const csv = `/api/debates/${encodeURIComponent(this.debate)}/moderation/log?format=csv${this.action ? `&action=${encodeURIComponent(this.action)}` : ''}`
    return html`<section aria-labelledby="log-title">
      <div class="row">
        <h3 id="log-title">${msg('Moderation log')}</h3>
        <label for="log-action">${msg('Action')}</label>
        <select id="log-action" @change=${this.handleFilter}>
          <option value="">${msg('All')}</option>
          ${Object.keys(ACTIONS).map((a) => html`<option value=${a} ?selected=${a === this.action}>${actionName(a)}</option>`)}
        </select>
        <a href=${csv} download>${msg('Download CSV')}</a>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.entries.length
          ? html`<table>
            <thead>
              <tr><th>${msg('When')}</th><th>${msg('Who')}</th><th>${msg('Action')}</th><th>${msg('Target')}</th><th>${msg('Reason')}</th></tr>
            </thead>
            <tbody>
              ${this.entries.map(
                (e) => html`<tr>
                  <td><time datetime=${e.at}>${absoluteTime(e.at)}</time></td>
                  <td>${e.actor.username}</td>
                  <td>${actionName(e.action)}</td>
                  <td>${targetName(e, this.blocks)}</td>
                  <td>${e.reason ?? ''}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p>${msg('No entries.')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-mod-log': MgModLog
  }
}
