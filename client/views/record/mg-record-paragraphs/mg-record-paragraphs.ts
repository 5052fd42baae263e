import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { SIGN, stanceWord } from '../../../components/stances.ts'
import type { RecordParagraph, RecordReply } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'
import { recordSection } from '../record.styles.ts'

/** A comment's moderation state, where it is not simply published. */
function stateWord(reply: RecordReply): string | null {
  if (reply.state === 'hidden') return msg('Hidden')
  if (reply.state === 'pending') return msg('Held for review')
  if (reply.state === 'returned') return msg('Returned to the author')
  if (reply.state === 'deleted') return msg('Deleted')
  if (reply.state === 'removed') return msg('Removed')
  return null
}

/**
 * Each paragraph's balance: its arguments by stance, the positions taken on it, each small
 * group's balance where the seminar had groups, and its strongest arguments (the most votes)
 * with every reply under them, nested as they were written. A comment a moderator hid is
 * shown, marked as hidden; one deleted or removed keeps only its place.
 *
 * @summary The record's paragraphs.
 */
@customElement('mg-record-paragraphs')
@localized()
export class MgRecordParagraphs extends LitElement {
  static override styles = [
    shared,
    recordSection,
    css`
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
      .comment {
        margin: 0.3rem 0;
      }
      .who {
        font-weight: 600;
      }
      .body {
        margin: 0.15rem 0 0;
        white-space: pre-line;
      }
      .hidden .body {
        font-style: italic;
      }
      ul.groups {
        margin: 0.3rem 0;
        padding-inline-start: 1.2rem;
      }
    `,
  ]

  /** The paragraphs in reading order, as the record lists them. */
  @property({ attribute: false }) paragraphs: readonly RecordParagraph[] = []

  private renderComment(c: RecordReply, children: Map<number | null, RecordReply[]>): unknown {
    const marked = stateWord(c)
    const replies = children.get(c.id) ?? []
    return html`<li class="comment ${c.state}">
      <span class="stance ${c.stance}">${SIGN[c.stance]} ${stanceWord(c.stance, c.depth > 0)}</span>
      <span class="who">${c.author}</span>
      <span class="meta">${c.votes === 1 ? msg('1 vote') : msg(str`${c.votes} votes`)}</span>
      ${marked ? html`<span class="badge">${marked}</span>` : nothing}
      ${c.body === null ? nothing : html`<p class="body">${c.body}</p>`}
      ${replies.length ? html`<ul class="replies">${replies.map((r) => this.renderComment(r, children))}</ul>` : nothing}
    </li>`
  }

  private renderGroup(g: RecordParagraph['groups'][number]) {
    const c = g.counts
    const pos = g.positions
    return html`<li>
      ${msg(
        str`Group ${g.letter}: ${c.pro} pro, ${c.contra} contra, ${c.neutral} neutral; ${c.comments} comments in all; positions ${pos.pro} pro, ${pos.contra} contra, ${pos.undecided} undecided.`,
      )}
    </li>`
  }

  private renderParagraph(p: RecordParagraph) {
    const c = p.counts
    const pos = p.positions
    return html`<h3>${msg(str`Paragraph ${p.number}`)}: <q>${p.excerpt}</q></h3>
      <p>
        ${msg(str`Arguments: ${c.pro} pro, ${c.contra} contra, ${c.neutral} neutral; ${c.comments} comments in all.`)}
        ${msg(str`Positions: ${pos.pro} pro, ${pos.contra} contra, ${pos.undecided} undecided.`)}
      </p>
      ${p.groups.length ? html`<ul class="groups">${p.groups.map((g) => this.renderGroup(g))}</ul>` : nothing}
      ${
        p.strongest.length
          ? html`<p>${msg('Strongest arguments:')}</p>
              <ul class="thread">
                ${p.strongest.map((a) => {
                  const children = new Map<number | null, RecordReply[]>()
                  for (const r of a.replies) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r])
                  return this.renderComment(a, children)
                })}
              </ul>`
          : html`<p class="meta">${msg('No arguments.')}</p>`
      }`
  }

  override render() {
    return html`<section aria-labelledby="paragraphs-heading">
      <h2 id="paragraphs-heading">${msg('Paragraphs')}</h2>
      ${this.paragraphs.map((p) => this.renderParagraph(p))}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-record-paragraphs': MgRecordParagraphs
  }
}
