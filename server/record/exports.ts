/**
 * The seminar record as files to take away: participation and contributions as CSV (for
 * spreadsheets and the Moodle and Canvas gradebook imports), the minutes as Markdown, and the
 * argument map as Argdown. Each is made from the record as its reader may see it
 * (routes/api/debates/record.ts), so hidden and removed content follows the same rules here.
 */
import { toCsv } from '../formats/csv.ts'
import type { Participation, RecordArgument, RecordGroupTally, RecordReply, RecordResponse, TimelineEntry } from '../schemas/record.ts'
import type { Poll } from '../schemas/seminars.ts'

/** The record with every comment, which the contributions and the argument map are made of. */
export interface FullRecord extends RecordResponse {
  contributions: RecordReply[]
}

export const PARTICIPATION_COLUMNS = [
  'username',
  'name',
  'role',
  'group',
  'guest',
  'arguments',
  'replies',
  'pro',
  'contra',
  'neutral',
  'votes_given',
  'votes_received',
  'positions',
  'poll_votes',
  'stance_shifts',
  'speaking_turns',
  'flags_received',
  'first_activity',
  'last_activity',
  'mark',
  'mark_computed',
  'mark_comment',
] as const

export function participationCsv(rows: readonly Participation[]): string {
  return toCsv(
    PARTICIPATION_COLUMNS,
    rows.map((r) => [
      r.person.username,
      r.person.name,
      r.person.role,
      r.group,
      r.person.guest,
      r.arguments,
      r.replies,
      r.pro,
      r.contra,
      r.neutral,
      r.votesGiven,
      r.votesReceived,
      r.positions,
      r.pollVotes,
      r.stanceShifts,
      r.speakingTurns,
      r.flagsReceived,
      r.firstActivity,
      r.lastActivity,
      r.mark?.mark,
      r.mark?.computed,
      r.mark?.comment,
    ]),
    { bom: true },
  )
}

export const CONTRIBUTION_COLUMNS = [
  'id',
  'paragraph',
  'kind',
  'parent_id',
  'depth',
  'author',
  'group',
  'stance',
  'body',
  'votes',
  'created_at',
  'edited_at',
  'edits',
  'state',
] as const

export function contributionsCsv(record: FullRecord): string {
  const numbers = paragraphNumbers(record)
  return toCsv(
    CONTRIBUTION_COLUMNS,
    record.contributions.map((c) => [
      c.id,
      numbers.get(c.anchor) ?? c.anchor,
      c.parentId === null ? 'argument' : 'reply',
      c.parentId,
      c.depth,
      c.author,
      c.group,
      c.stance,
      c.body,
      c.votes,
      c.createdAt,
      c.editedAt,
      c.edits,
      c.state,
    ]),
    { bom: true },
  )
}

function paragraphNumbers(record: RecordResponse): Map<string, number> {
  return new Map(record.paragraphs.map((p) => [p.anchor, p.number]))
}

// The minutes

/** One line of Markdown from user text: no line breaks, and nothing that Markdown would read as markup. */
function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1')
    .trim()
}

const STANCE_WORDS = { pro: 'pro', contra: 'contra', neutral: 'neutral' } as const

export function recordMarkdown(record: FullRecord): string {
  const out: string[] = []
  const numbers = paragraphNumbers(record)
  const where = (anchor: string | null | undefined) =>
    anchor === null || anchor === undefined ? 'the whole essay' : `paragraph ${numbers.get(anchor) ?? anchor}`
  out.push(`# ${mdText(record.debate.title)}`, '', `Record of the debate \`${record.debate.slug}\`, made ${record.generatedAt}.`, '')

  out.push('## Timeline', '')
  if (record.timeline.length === 0) out.push('Nothing was steered.', '')
  for (const step of record.timeline) out.push(`- ${step.at}: ${timelineLine(step, where)}`)
  if (record.timeline.length > 0) out.push('')

  out.push('## Polls', '')
  if (record.polls.length === 0) out.push('No polls.', '')
  for (const poll of record.polls) out.push(...pollLines(poll, where(poll.anchor)), '')

  out.push('## Paragraphs', '')
  for (const p of record.paragraphs) {
    out.push(`### ${p.number}. ${mdText(p.excerpt)}`, '')
    out.push(
      `Arguments: ${p.counts.pro} pro, ${p.counts.contra} contra, ${p.counts.neutral} neutral (${p.counts.comments} comments in all). ` +
        `Positions: ${p.positions.pro} pro, ${p.positions.contra} contra, ${p.positions.undecided} undecided.`,
      '',
    )
    if (p.groups.length > 0) out.push(...groupLines(p.groups), '')
    for (const arg of p.strongest) out.push(...argumentLines(arg))
    if (p.strongest.length > 0) out.push('')
  }

  out.push('## Moderation', '')
  if (record.moderation.length === 0) out.push('No moderation actions.', '')
  for (const m of record.moderation) {
    const target = m.anchor ? `${m.target.type} ${m.target.id} (${where(m.anchor)})` : `${m.target.type} ${m.target.id}`
    out.push(`- ${m.at}: ${mdText(m.actor)}: ${m.action} ${mdText(target)}${m.reason ? `: ${mdText(m.reason)}` : ''}`)
  }
  if (record.moderation.length > 0) out.push('')

  out.push('## Participation', '')
  out.push(
    '| Name | Arguments | Replies | Pro | Contra | Neutral | Votes given | Votes received | Positions | Poll votes | Speaking turns | Mark |',
  )
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of record.participation) {
    out.push(
      `| ${mdText(r.person.name)} | ${r.arguments} | ${r.replies} | ${r.pro} | ${r.contra} | ${r.neutral} | ${r.votesGiven} | ` +
        `${r.votesReceived} | ${r.positions} | ${r.pollVotes} | ${r.speakingTurns} | ${r.mark?.mark ?? ''} |`,
    )
  }
  return out.join('\n') + '\n'
}

function timelineLine(step: TimelineEntry, where: (anchor: string | null | undefined) => string): string {
  switch (step.type) {
    case 'phase':
      return `phase: ${step.phase}`
    case 'spotlight':
      return step.anchor ? `spotlight on ${where(step.anchor)}` : 'spotlight off'
    case 'speaker':
      return step.speaker ? `${mdText(step.speaker)} has the floor (${where(step.anchor)})` : 'the floor is free'
    case 'timer':
      return step.seconds === null || step.seconds === undefined ? 'timer stopped' : `timer: ${step.seconds} s`
    case 'poll-opened':
      return `poll ${step.poll} opened on ${where(step.anchor)}`
    case 'poll-closed':
      return `poll ${step.poll} closed`
    case 'paragraph-locked':
      return `${where(step.anchor)} locked`
    case 'paragraph-unlocked':
      return `${where(step.anchor)} unlocked`
  }
}

function pollLines(poll: Poll, where: string): string[] {
  const out = [`### Poll ${poll.id} on ${where}${poll.before === null ? '' : ` (after poll ${poll.before})`}`, '']
  if (!poll.results) return [...out, `Still open: ${poll.votes} votes so far.`]
  out.push(`${poll.votes} votes: ${poll.results.pro} pro, ${poll.results.contra} contra, ${poll.results.undecided} undecided.`)
  if (poll.shift) {
    out.push('', '| before → after | pro | contra | undecided |', '| --- | ---: | ---: | ---: |')
    for (const from of ['pro', 'contra', 'undecided'] as const) {
      const row = poll.shift[from]
      out.push(`| ${from} | ${row.pro} | ${row.contra} | ${row.undecided} |`)
    }
  }
  for (const r of poll.reasons ?? []) out.push(`- ${r.from} → ${r.to}: ${mdText(r.reason)}`)
  return out
}

/** Each small group's balance on a paragraph, as a table (a list would run on into the arguments' list after it). */
function groupLines(groups: readonly RecordGroupTally[]): string[] {
  return [
    '| Group | Pro | Contra | Neutral | Comments | Positions pro | Positions contra | Undecided |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...groups.map(
      ({ letter, counts: c, positions: p }) =>
        `| ${letter} | ${c.pro} | ${c.contra} | ${c.neutral} | ${c.comments} | ${p.pro} | ${p.contra} | ${p.undecided} |`,
    ),
  ]
}

function argumentLines(arg: RecordArgument): string[] {
  const line = (c: RecordReply, indent: string) =>
    `${indent}- **${STANCE_WORDS[c.stance]}** ${mdText(c.author)} (${c.votes} votes): ${c.body === null ? `_${c.state}_` : mdText(c.body)}`
  return [line(arg, ''), ...arg.replies.map((r) => line(r, '  '.repeat(r.depth)))]
}

// The argument map

/** Argdown text on one line, its special characters escaped. */
function argdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\[\]<>#*_@{}])/g, '\\$1')
    .trim()
}

/**
 * The debate as an Argdown map: per paragraph its claim (the paragraph's text) with the pro
 * arguments as supports and the contra ones as attacks; each reply under what it answers, a pro
 * reply as support and a contra one as objection. Neutral comments are no relation and are left
 * out, as is everything not published.
 */
export function debateArgdown(record: FullRecord): string {
  const out = ['===', `title: ${JSON.stringify(record.debate.title)}`, '===', '']
  const published = record.contributions.filter((c) => c.state === 'published' && c.body !== null)
  const children = new Map<number | null, RecordReply[]>()
  for (const c of published) {
    const siblings = children.get(c.parentId)
    if (siblings) siblings.push(c)
    else children.set(c.parentId, [c])
  }
  const relation = (c: RecordReply) => (c.stance === 'pro' ? '+' : c.stance === 'contra' ? '-' : null)
  const walk = (parentId: number, depth: number) => {
    for (const c of children.get(parentId) ?? []) {
      const sign = relation(c)
      if (sign === null) continue
      out.push(`${'  '.repeat(depth)}${sign} <${argumentTitle(c)}>: ${argdownText(c.body!)}`)
      walk(c.id, depth + 1)
    }
  }
  for (const p of record.paragraphs) {
    out.push(`# ${argdownText(`${p.number}. ${p.excerpt}`)}`, '', `[${paragraphTitle(p.number)}]: ${argdownText(p.text)}`)
    for (const c of (children.get(null) ?? []).filter((a) => a.anchor === p.anchor)) {
      const sign = relation(c)
      if (sign === null) continue
      out.push(`  ${sign} <${argumentTitle(c)}>: ${argdownText(c.body!)}`)
      walk(c.id, 2)
    }
    out.push('')
  }
  return out.join('\n')
}

export const paragraphTitle = (n: number) => `Paragraph ${n}`
export const argumentTitle = (c: { id: number }) => `Comment ${c.id}`
