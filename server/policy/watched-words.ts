/**
 * Watched words: how a pattern matches and what a comment's text becomes. Pure functions; the
 * lists themselves live in the watched_words table (see repositories/watched-words.ts).
 *
 * A pattern is a word or a phrase, matched whole and regardless of case; `*` stands for any
 * run of letters or digits, so `idiot*` matches "Idiot", "Idioten" and "idiotisch" but not
 * "Halbidiot". Letters are Unicode letters: ä, ö, ü and ß belong to a word like a and s.
 * Censoring replaces each match with as many `•` as it has characters, so the reader sees
 * that a word was masked and how long it was.
 */
import type { WatchAction } from '../../db/schema.ts'

export interface WordRule {
  pattern: string
  action: WatchAction
}

export interface Screening {
  /** The first pattern that blocks the text, if any. */
  blocked: string | null
  /** The first pattern that holds the text for review, if any. */
  held: string | null
  /** The text with every censored match masked. */
  body: string
}

export const MASK = '•'

const WORD = '[\\p{L}\\p{M}\\p{N}]'
const ALLOWED = /^[\p{L}\p{M}\p{N}*' -]+$/u

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  const p = pattern.trim()
  if (!ALLOWED.test(p)) return 'pattern may hold only letters, digits, spaces, hyphens, apostrophes and *'
  if (!/[\p{L}\p{N}]/u.test(p)) return 'pattern needs at least one letter or digit'
  // Each * followed by more of its word is a choice the expression retries for every split of
  // a long word: two of them in one word cost the square of its length, three the cube.
  if (p.split(/\s+/u).some((word) => word.split(/\*+/u).slice(1).filter(Boolean).length > 1)) {
    return 'pattern may hold only one * before further letters of a word (a * at its end is free), e.g. f*ck or idiot*'
  }
  return null
}

/** The pattern as a global, case-insensitive expression matching whole words. */
export function compilePattern(pattern: string): RegExp {
  const source = pattern
    .trim()
    .split(/(\*+|\s+)/u)
    .map((part) => {
      if (/^\*+$/u.test(part)) return `${WORD}*`
      if (/^\s+$/u.test(part)) return '\\s+'
      // The unicode flag refuses needless escapes, so only syntax characters are escaped.
      return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    })
    .join('')
  return new RegExp(`(?<!${WORD})${source}(?!${WORD})`, 'giu')
}

/** Checks a text against the rules: what blocks it, what holds it, and the text censored. */
export function screen(text: string, rules: readonly WordRule[]): Screening {
  let blocked: string | null = null
  let held: string | null = null
  let body = text
  for (const rule of rules) {
    const re = compilePattern(rule.pattern)
    if (rule.action === 'censor') {
      body = body.replace(re, (match) => MASK.repeat([...match].length))
      continue
    }
    if (!re.test(text)) continue
    if (rule.action === 'block') blocked ??= rule.pattern
    else held ??= rule.pattern
  }
  return { blocked, held, body }
}
