/**
 * What counts as visible text, and which names people may go by. One set of rules for the
 * names people choose (account names at registration, guests' display names when they join,
 * the names a leader gives members) and for the text fields that must say something (comment
 * bodies, reasons), so none of them can be made of invisible characters or pass for someone
 * else.
 *
 * A name is compared by its *skeleton*: NFKC, Cyrillic and Greek look-alikes read as the
 * Latin letters they resemble, accents dropped, lower case, no spaces, dots, dashes or
 * underscores, and the ASCII look-alikes folded (0→o; 1, i and | → l; rn → m; vv → w). Two
 * names with the same skeleton look the same to a reader, so a display name may not have the
 * skeleton of a reserved word or of an existing account's name.
 */
import { badRequest } from '../errors.ts'

/**
 * Characters that show nothing: whitespace, format characters (Cf: zero-width spaces and
 * joiners, the word joiner, the byte order mark, bidi controls, the soft hyphen) and the
 * fillers that render blank (Hangul fillers, the blank Braille pattern).
 */
const INVISIBLE_CLASS = '\\s\\p{Cf}\\u115f\\u1160\\u2800\\u3164\\uffa0'
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu')

/** A schema pattern (Ajv compiles patterns with the `u` flag): at least one visible character. */
export const VISIBLE_PATTERN = `[^${INVISIBLE_CLASS}]`

/** Whether the text shows nothing at all: empty, or only whitespace and invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '').length === 0
}

export const MAX_NAME = 40

/** Names nobody may go by, since readers would take them for the site or its staff. */
export const RESERVED_NAMES = [
  'admin',
  'administrator',
  'anonymous',
  'deleted',
  'gast',
  'guest',
  'leader',
  'leitung',
  'marginalia',
  'mod',
  'moderation',
  'moderator',
  'owner',
  'root',
  'staff',
  'support',
  'system',
  'unknown',
]

/** Latin letters and the Cyrillic and Greek letters that look like them (either case). */
const LOOK_ALIKES: Record<string, string> = {
  a: 'аАαΑɑ',
  b: 'вВβΒ',
  c: 'сСϲϹς',
  d: 'ԁ',
  e: 'еЕεΕ',
  h: 'һНнΗ',
  i: 'іІιΙı',
  j: 'јЈ',
  k: 'кКκΚ',
  l: 'ӏӀ',
  m: 'мМΜ',
  n: 'пηΝ',
  o: 'оОοΟ',
  p: 'рРρΡ',
  q: 'ԛ',
  s: 'ѕЅ',
  t: 'тТτΤ',
  u: 'υ',
  v: 'νѵ',
  w: 'ԝωѡ',
  x: 'хХχΧ',
  y: 'уУүΥγ',
  z: 'Ζ',
}
const LATIN_OF = new Map(Object.entries(LOOK_ALIKES).flatMap(([latin, others]) => [...others].map((c) => [c, latin] as const)))

/**
 * The ASCII folds of a skeleton, in the order they apply. Account names are ASCII, so these
 * alone make an account name's skeleton: the users repository applies them in SQL.
 */
export const ASCII_FOLDS: readonly (readonly [string, string])[] = [
  ['.', ''],
  ['_', ''],
  ['-', ''],
  ['0', 'o'],
  ['1', 'l'],
  ['i', 'l'],
  ['|', 'l'],
  ['rn', 'm'],
  ['vv', 'w'],
]

/** How the name looks, for comparing names (see the module comment). */
export function skeleton(name: string): string {
  let out = [...name.normalize('NFKC')].map((c) => LATIN_OF.get(c) ?? c).join('')
  out = out.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(INVISIBLE, '')
  for (const [from, to] of ASCII_FOLDS) out = out.replaceAll(from, to)
  return out
}

const RESERVED = new Set(RESERVED_NAMES.map(skeleton))

/** Whether the name looks like a reserved word. */
export function isReserved(name: string): boolean {
  return RESERVED.has(skeleton(name))
}

/** Alphabets with letters that pass for each other; one word may use only one of them. */
const CONFUSABLE_SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee'].map(
  (script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const,
)

function mixedScripts(word: string): string[] {
  return CONFUSABLE_SCRIPTS.filter(([, letters]) => letters.test(word)).map(([script]) => script)
}

// Control, format (zero-width, bidi overrides) and line or paragraph separator characters.
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/**
 * A name someone chose, as it is stored: NFKC, trimmed, inner spaces collapsed. Throws 400
 * saying what is wrong: control or format characters, blank, too long, one word mixing
 * look-alike alphabets, a reserved word, or (`takenBy`) someone else's name.
 *
 * @param field the field named in the message, e.g. "body/displayName"
 * @param takenBy whose name has this skeleton, e.g. "an account's name", or null when nobody else's
 */
export function checkedName(input: string, field: string, takenBy: (skeleton: string) => string | null): string {
  const normal = input.normalize('NFKC')
  // Before trimming, which would quietly drop a leading byte order mark.
  if (HIDDEN_CHARACTERS.test(normal)) {
    throw badRequest(
      `${field} must not contain control or invisible formatting characters (such as zero-width spaces or right-to-left marks)`,
    )
  }
  const name = normal.trim().replace(/\s+/g, ' ')
  if (isBlank(name)) throw badRequest(`${field} must not be empty`)
  if ([...name].length > MAX_NAME) throw badRequest(`${field} must be at most ${MAX_NAME} characters`)
  for (const word of name.split(' ')) {
    const scripts = mixedScripts(word)
    if (scripts.length > 1) throw badRequest(`${field} mixes ${scripts.join(' and ')} letters in "${word}"; use one alphabet per word`)
  }
  if (isReserved(name)) throw badRequest(`${field} "${name}" is reserved; choose another name`)
  const holder = takenBy(skeleton(name))
  if (holder !== null) throw badRequest(`${field} "${name}" is ${holder}, or looks like it; choose another name`)
  return name
}
