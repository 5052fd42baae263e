/**
 * Anchor planning: gives every block of an essay an anchor that survives re-importing the
 * essay after editing, because readers' comments hang on those anchors.
 *
 * It owns the rules that decide, between the stored version of an essay and a newly parsed
 * one, which block is "the same" block (kept anchor), which was lightly edited (kept anchor,
 * reported as edited), and which are new or gone. It is pure: the import code applies the
 * plan to the database. Fresh anchors come from a hash of the block's text, so two installs
 * importing the same essay agree on every anchor.
 */
import { createHash } from 'node:crypto'
import type { BlockKind, ParsedBlock } from './parse.ts'

export interface AnchoredBlock {
  anchor: string
  kind: BlockKind
  text: string
}

export interface AnchorPlan {
  /** The new essay, in reading order, each block with its anchor. */
  blocks: AnchoredBlock[]
  /** Anchors whose text is identical. */
  unchanged: string[]
  /** Anchors kept although the text changed (a light edit). */
  edited: string[]
  /** Anchors given to blocks without a predecessor. */
  added: string[]
  /** Previous blocks with no successor (removed, or rewritten beyond the threshold), with their old text. */
  removed: AnchoredBlock[]
}

/**
 * Least `similarity` at which a changed block keeps its anchor.
 *
 * Measured on the seed essay: one changed word in a ~100-word paragraph scores about 0.98,
 * an added sentence about 0.9, keeping only the first half of a paragraph about 0.7; a
 * paraphrase of the same paragraph sentence by sentence scores about 0.2, and two different
 * paragraphs of the essay at most 0.07. At 0.6 an anchor holds while most of the wording a
 * comment could refer to is still there (up to roughly a fifth of the words changed here and
 * there, or two fifths replaced in one run).
 */
export const SIMILARITY_THRESHOLD = 0.6

// Below this many words a single changed word costs a quarter or more of the word pairs, so
// short blocks (headings, one-line paragraphs) are compared letter by letter instead.
const MIN_WORDS_FOR_WORD_PAIRS = 8

const HASH_CHARS = 8
const ANCHOR_PREFIX: Record<BlockKind, string> = { heading: 'h-', paragraph: 'p-' }

/**
 * The form two texts are compared and hashed in: NFKC, lower case, punctuation, dashes,
 * quotes and symbols removed, whitespace collapsed. Letters are kept as letters, so
 * "ä" ≠ "a" and "Straße" ≠ "Strasse": fixing an umlaut is an edit, not a no-op.
 */
export function normaliseForComparison(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Hyphens and apostrophes join a word ("KI-App", "geht's"): dropping them keeps it one word.
      // Invisible format characters (soft hyphen, zero-width space) go the same way.
      .replace(/[\p{Cf}\-\u2010\u2011'\u2019\u02bc]/gu, '')
      // Every other mark, dashes between clauses included, separates words.
      .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
  )
}

/**
 * How much of two texts' wording they share, from 0 (nothing) to 1 (the same after
 * normalisation): the Dice coefficient over word pairs (with the text's start and end as
 * pseudo-words), or over letter triples when either text is shorter than eight words.
 *
 * Word pairs rather than letter n-grams because a paragraph rewritten on the same topic reuses
 * the topic's vocabulary (here: Spektakel, Debord, Vereinzelung) but rarely its phrasing, and
 * the phrasing is what comments quote.
 */
export function similarity(a: string, b: string): number {
  return compare(fingerprint(normaliseForComparison(a)), fingerprint(normaliseForComparison(b)))
}

/**
 * The anchor a fresh block gets: a prefix for its kind and the first 8 hex digits of the
 * SHA-256 of its normalised text, with `-2`, `-3` … appended while the anchor is in `taken`.
 * Uses only `[a-z0-9-]`. Does not add the anchor to `taken`.
 */
export function anchorFor(kind: BlockKind, text: string, taken: Set<string>): string {
  const hash = createHash('sha256').update(normaliseForComparison(text), 'utf8').digest('hex').slice(0, HASH_CHARS)
  const base = `${ANCHOR_PREFIX[kind]}${hash}`
  if (!taken.has(base)) return base
  let n = 2
  while (taken.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

/**
 * Carries anchors from the stored blocks (`previous`) to a newly parsed essay (`next`).
 *
 * A block only inherits from a previous block of the same kind. Identical normalised texts are
 * paired first, in order when a text repeats; the remaining blocks are then paired greedily by
 * highest `similarity` at or above `SIMILARITY_THRESHOLD`, ties going to the pairing that keeps
 * reading order. Blocks left over get an `anchorFor` anchor that collides with no previous
 * anchor (removed ones included) and no new one.
 */
export function planAnchors(previous: AnchoredBlock[], next: ParsedBlock[]): AnchorPlan {
  const seen = new Set<string>()
  for (const block of previous) {
    if (seen.has(block.anchor)) throw new Error(`Previous blocks share the anchor "${block.anchor}".`)
    seen.add(block.anchor)
  }

  const previousNormal = previous.map((block) => normaliseForComparison(block.text))
  const nextNormal = next.map((block) => normaliseForComparison(block.text))
  // predecessor[i] is the index in `previous` whose anchor next[i] inherits.
  const predecessor: (number | undefined)[] = next.map(() => undefined)
  const inherited = new Set<number>()

  const waiting = new Map<string, number[]>()
  previous.forEach((block, p) => {
    const key = `${block.kind}\n${previousNormal[p]}`
    const queue = waiting.get(key)
    if (queue) queue.push(p)
    else waiting.set(key, [p])
  })
  next.forEach((block, i) => {
    const p = waiting.get(`${block.kind}\n${nextNormal[i]}`)?.shift()
    if (p === undefined) return
    predecessor[i] = p
    inherited.add(p)
  })

  const openPrevious = previous.flatMap((_, p) => (inherited.has(p) ? [] : [p]))
  const openNext = next.flatMap((_, i) => (predecessor[i] === undefined ? [i] : []))
  const previousPrints = new Map(openPrevious.map((p) => [p, fingerprint(previousNormal[p] ?? '')]))
  const nextPrints = new Map(openNext.map((i) => [i, fingerprint(nextNormal[i] ?? '')]))
  const candidates: { i: number; p: number; score: number }[] = []
  for (const [i, p] of pairsThatMayMatch(nextPrints, previousPrints)) {
    if (previous[p]?.kind !== next[i]?.kind) continue
    const score = compare(nextPrints.get(i)!, previousPrints.get(p)!)
    if (score >= SIMILARITY_THRESHOLD) candidates.push({ i, p, score })
  }
  // On equal scores the earliest new block takes the earliest previous one, keeping order.
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.p - y.p)
  for (const { i, p } of candidates) {
    if (predecessor[i] !== undefined || inherited.has(p)) continue
    predecessor[i] = p
    inherited.add(p)
  }

  const taken = new Set(previous.map((block) => block.anchor))
  const plan: AnchorPlan = { blocks: [], unchanged: [], edited: [], added: [], removed: [] }
  next.forEach((block, i) => {
    const p = predecessor[i]
    const before = p === undefined ? undefined : previous[p]
    if (before) {
      plan.blocks.push({ anchor: before.anchor, kind: block.kind, text: block.text })
      if (before.text === block.text) plan.unchanged.push(before.anchor)
      else plan.edited.push(before.anchor)
    } else {
      const anchor = anchorFor(block.kind, block.text, taken)
      taken.add(anchor)
      plan.blocks.push({ anchor, kind: block.kind, text: block.text })
      plan.added.push(anchor)
    }
  })
  plan.removed = previous.filter((_, p) => !inherited.has(p)).map((block) => ({ ...block }))
  return plan
}

/** What `similarity` compares: both multisets are built, and the shorter text picks which one counts. */
interface Fingerprint {
  words: number
  pairs: Map<string, number>
  triples: Map<string, number>
}

function fingerprint(normal: string): Fingerprint {
  const words = normal === '' ? [] : normal.split(' ')
  // \u0002 and \u0003 stand for start and end; normalisation removes them, so no word can equal them.
  const padded = ['\u0002', ...words, '\u0003']
  const pairs = new Map<string, number>()
  for (let k = 1; k < padded.length; k++) addTo(pairs, `${padded[k - 1]} ${padded[k]}`)
  const spaced = ` ${normal} `
  const triples = new Map<string, number>()
  for (let k = 3; k <= spaced.length; k++) addTo(triples, spaced.slice(k - 3, k))
  return { words: words.length, pairs, triples }
}

function compare(a: Fingerprint, b: Fingerprint): number {
  if (Math.min(a.words, b.words) >= MIN_WORDS_FOR_WORD_PAIRS) return dice(a.pairs, b.pairs)
  return dice(a.triples, b.triples)
}

/**
 * The (next, previous) pairs whose `compare` may reach `SIMILARITY_THRESHOLD`, found by prefix
 * filtering rather than by comparing every changed block with every stored one (minutes for a
 * rewritten essay of 2,000 paragraphs). With each text's grams ordered rarest first, two texts
 * whose Dice coefficient reaches t share a gram among the first |A| − ⌈t·|A|/(2−t)⌉ + 1 of each.
 * Two texts of eight words or more compare word pairs; any pair with a shorter one, letter triples.
 */
function pairsThatMayMatch(next: Map<number, Fingerprint>, previous: Map<number, Fingerprint>): [number, number][] {
  const wordy = (print: Fingerprint | undefined) => (print?.words ?? 0) >= MIN_WORDS_FOR_WORD_PAIRS
  const long = (prints: Map<number, Fingerprint>) => [...prints].filter(([, print]) => wordy(print))
  const short = (prints: Map<number, Fingerprint>) => [...prints].filter(([, print]) => !wordy(print))
  return [
    ...sharingPrefix(long(next), long(previous), (print) => print.pairs),
    ...sharingPrefix(short(next), [...previous], (print) => print.triples),
    ...sharingPrefix(long(next), short(previous), (print) => print.triples),
  ]
}

/** Test seam: the pairs of texts `planAnchors` scores, as (index in `next`, index in `previous`). */
export function candidatePairs(next: string[], previous: string[]): [number, number][] {
  const prints = (texts: string[]) => new Map(texts.map((text, i) => [i, fingerprint(normaliseForComparison(text))]))
  return pairsThatMayMatch(prints(next), prints(previous))
}

function sharingPrefix(
  next: [number, Fingerprint][],
  previous: [number, Fingerprint][],
  grams: (print: Fingerprint) => Map<string, number>,
): [number, number][] {
  if (next.length === 0 || previous.length === 0) return []
  // A multiset as a set: the k-th occurrence of a gram is a token of its own.
  const tokensOf = ([id, print]: [number, Fingerprint]): [number, string[]] => {
    const tokens: string[] = []
    for (const [gram, count] of grams(print)) for (let k = 0; k < count; k++) tokens.push(`${gram}\u0000${k}`)
    return [id, tokens]
  }
  const nextTokens = next.map(tokensOf)
  const previousTokens = previous.map(tokensOf)
  const frequency = new Map<string, number>()
  for (const [, tokens] of [...nextTokens, ...previousTokens]) for (const token of tokens) addTo(frequency, token)
  const prefix = (tokens: string[]) =>
    tokens
      .sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, prefixLength(tokens.length))
  const holders = new Map<string, number[]>()
  // Two texts without a single gram are equal (see `dice`); one without any matches no other.
  const empty: number[] = []
  for (const [p, tokens] of previousTokens) {
    if (tokens.length === 0) empty.push(p)
    for (const token of prefix(tokens)) {
      const list = holders.get(token)
      if (list) list.push(p)
      else holders.set(token, [p])
    }
  }
  const pairs: [number, number][] = []
  for (const [i, tokens] of nextTokens) {
    const matches = tokens.length === 0 ? new Set(empty) : new Set(prefix(tokens).flatMap((token) => holders.get(token) ?? []))
    for (const p of matches) pairs.push([i, p])
  }
  return pairs
}

function prefixLength(size: number): number {
  // Rounded down, the least overlap errs towards a longer prefix: a pair is never missed.
  const leastOverlap = Math.max(1, Math.floor((SIMILARITY_THRESHOLD * size) / (2 - SIMILARITY_THRESHOLD)))
  return size - leastOverlap + 1
}

function addTo(counts: Map<string, number>, gram: string): void {
  counts.set(gram, (counts.get(gram) ?? 0) + 1)
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0
  let sizeB = 0
  let shared = 0
  for (const count of a.values()) sizeA += count
  for (const count of b.values()) sizeB += count
  if (sizeA + sizeB === 0) return 1
  for (const [gram, count] of a) shared += Math.min(count, b.get(gram) ?? 0)
  return (2 * shared) / (sizeA + sizeB)
}
