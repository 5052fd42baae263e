/**
 * The small marks beside a person's name wherever one is shown (comments and replies, the
 * speaker queue, the roster and the members list, the projector): "guest" for someone who
 * joined a seminar without an account, "leader" for a debate's owner and "moderator" for its
 * moderators. A name alone can be chosen to look like anyone's; the marks come from the server,
 * so nobody passes for an account holder or for the people who run the debate.
 *
 * Part of the reader's messages: every view that shows people renders these.
 */
import { msg } from '@lit/localize'
import { css, html, nothing, type TemplateResult } from 'lit'
import type { Role } from '../services/types.ts'

/** What the server says about a person besides the name. */
export interface Marked {
  guest?: boolean
  role?: Role | null
}

/** The marks' kinds and words, in the order they are shown. */
function marksOf(person: Marked): [kind: string, word: string][] {
  const marks: [string, string][] = []
  if (person.guest) marks.push(['guest', msg('guest')])
  if (person.role === 'owner') marks.push(['leader', msg('leader')])
  else if (person.role === 'moderator') marks.push(['moderator', msg('moderator')])
  return marks
}

/** The marks to render right after the name. */
export function personMarks(person: Marked): TemplateResult[] | typeof nothing {
  const marks = marksOf(person)
  if (marks.length === 0) return nothing
  return marks.map(([kind, word]) => html` <span class="person-mark ${kind}">${word}</span>`)
}

/** The name with its marks as plain text ("Mia (guest)"), for labels and announcements. */
export function markedName(name: string, person: Marked): string {
  const marks = marksOf(person)
  return marks.length === 0 ? name : `${name} (${marks.map(([, word]) => word).join(', ')})`
}

export const personMarkStyles = css`
  .person-mark {
    display: inline-block;
    padding: 0 0.4rem;
    border: 1px solid var(--mg-muted);
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: normal;
    line-height: 1.4;
    vertical-align: baseline;
  }
  .person-mark.leader,
  .person-mark.moderator {
    border-style: double;
    border-width: 3px;
  }
`
