/**
 * Dates in the interface language (relative times such as "5 minutes ago"), and the counts
 * a reader back from an absence is told of. The Intl
 * formatters are built once per language: a thread of hundreds of comments formats a date
 * for each, and building a formatter costs far more than using one.
 */
import { msg, str } from '@lit/localize'
import { uiLocale } from './locale.ts'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
// Comments of a thread mostly share a handful of phrases ("3 hours ago").
const relativePhrases = new Map<string, string>()
const absoluteFormats = new Map<string, Intl.DateTimeFormat>()

/** "vor 5 Minuten" / "5 minutes ago"; "now" for the last few seconds. */
export function relativeTime(iso: string, now = Date.now(), locale = uiLocale()): string {
  let format = relativeFormats.get(locale)
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })))
  const seconds = Math.round((Date.parse(iso) - now) / 1000)
  let value = 0
  let unit: Intl.RelativeTimeFormatUnit = 'second'
  if (Math.abs(seconds) >= 45) {
    const [name, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1]
    value = Math.round(seconds / size)
    unit = name
  }
  const key = `${locale} ${value} ${unit}`
  let phrase = relativePhrases.get(key)
  if (phrase === undefined) relativePhrases.set(key, (phrase = format.format(value, unit)))
  return phrase
}

/**
 * Builds the formatters ahead of need: the first one of a page loads the locale's data,
 * which would otherwise fall on the first thread the reader opens.
 */
export function warmFormats(locale = uiLocale()): void {
  relativeTime(new Date().toISOString(), Date.now(), locale)
}

/** The full date and time, for a tooltip beside the relative time. */
export function absoluteTime(iso: string, locale = uiLocale()): string {
  let format = absoluteFormats.get(locale)
  if (!format) absoluteFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })))
  return format.format(new Date(iso))
}

/** What came while the reader was away, for one paragraph: "Paragraph 3: 2 new arguments, 1 new reply". */
export function awayLine(n: number, change: { arguments: number; replies: number }): string {
  const a = change.arguments
  const r = change.replies
  const parts = [
    a === 1 ? msg('1 new argument') : a ? msg(str`${a} new arguments`) : '',
    r === 1 ? msg('1 new reply') : r ? msg(str`${r} new replies`) : '',
  ]
  return `${msg(str`Paragraph ${n}`)}: ${parts.filter(Boolean).join(', ')}`
}
