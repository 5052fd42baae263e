/**
 * The record's words that several of its sections use: numbers and marks as the interface
 * language writes them, a time, and each step of the seminar's timeline in a sentence.
 *
 * Times are formatted here rather than by services/format.ts's `absoluteTime` (the same
 * format): importing that module from this chunk too makes the bundler split it, and what it
 * shares a chunk with, into more files the readers' page loads, which its budget cannot spare.
 */
import { msg, str } from '@lit/localize'
import { uiLocale } from '../../services/locale.ts'
import type { RecordParagraph, TimelineEntry } from '../../services/types.ts'
import { clock, phaseName } from '../seminar-shared/seminar-words.ts'

const numbers = new Map<string, Intl.NumberFormat>()
const times = new Map<string, Intl.DateTimeFormat>()

/** 6.67 / 6,67: a mark to at most two decimals. */
export function number(n: number, locale = uiLocale()): string {
  let format = numbers.get(locale)
  if (!format) numbers.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })))
  return format.format(n)
}

/** A time of the record, or a dash where there is none. */
export function when(iso: string | null, locale = uiLocale()): string {
  if (!iso) return '–'
  let format = times.get(locale)
  if (!format) times.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })))
  return format.format(new Date(iso))
}

const clocks = new Map<string, Intl.DateTimeFormat>()

/** 10:04:37: the time of day to the second, for a moment of the replay (milliseconds). */
export function timeOfDay(ms: number, locale = uiLocale()): string {
  let format = clocks.get(locale)
  if (!format) clocks.set(locale, (format = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' })))
  return format.format(new Date(ms))
}

/** "Paragraph 3" by the record's numbering, or the essay as a whole for a null anchor. */
export function paragraphLabel(paragraphs: readonly RecordParagraph[], anchor: string | null): string {
  if (anchor === null) return msg('The whole essay')
  const n = paragraphs.find((p) => p.anchor === anchor)?.number
  return n ? msg(str`Paragraph ${n}`) : anchor
}

/** One step of the seminar, in a sentence. */
export function timelineText(entry: TimelineEntry, paragraphs: readonly RecordParagraph[]): string {
  const where = entry.anchor === undefined ? '' : paragraphLabel(paragraphs, entry.anchor)
  switch (entry.type) {
    case 'phase':
      return msg(str`Phase: ${entry.phase ? phaseName(entry.phase) : '?'}`)
    case 'spotlight':
      return entry.anchor ? msg(str`Spotlight on ${where}`) : msg('Spotlight off')
    case 'speaker':
      return entry.speaker ? msg(str`${entry.speaker} has the floor`) : msg('The floor ended')
    case 'timer':
      return typeof entry.seconds === 'number' ? msg(str`Timer set to ${clock(entry.seconds)}`) : msg('Timer stopped')
    case 'poll-opened':
      return msg(str`Poll opened: ${where || msg('The whole essay')}`)
    case 'poll-closed':
      return msg('Poll closed')
    case 'paragraph-locked':
      return msg(str`${where} locked`)
    case 'paragraph-unlocked':
      return msg(str`${where} unlocked`)
  }
}

/** What a moderator did, in words; an action the record's view does not know is shown as named. */
export function actionWord(action: string): string {
  const words: Record<string, () => string> = {
    hide: () => msg('Hidden'),
    unhide: () => msg('Shown again'),
    remove: () => msg('Removed'),
    delete: () => msg('Deleted'),
    pin: () => msg('Pinned'),
    unpin: () => msg('Unpinned'),
    'lock-paragraph': () => msg('Paragraph locked'),
    'unlock-paragraph': () => msg('Paragraph unlocked'),
    mute: () => msg('Muted'),
    unmute: () => msg('Unmuted'),
  }
  return words[action]?.() ?? action
}
