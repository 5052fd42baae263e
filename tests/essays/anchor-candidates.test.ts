import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { candidatePairs, similarity, SIMILARITY_THRESHOLD } from '../../server/essays/anchors.ts'

// Few words, so that texts share pairs and letter triples often; lengths either side of the
// eight words at which comparison switches from word pairs to letter triples.
const WORDS = ['Spektakel', 'Debord', 'die', 'der', 'Sora', 'KI', 'Bild', 'Straße', 'ist', 'und']
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 20 }).map((words) => words.join(' '))
// A previous version of the text: some words replaced, some dropped, so many pairs are alike.
const edit = (source: string) =>
  fc
    .array(fc.oneof(fc.constant<null>(null), fc.constantFrom(...WORDS), fc.constant('')), {
      minLength: source.split(' ').length,
      maxLength: source.split(' ').length,
    })
    .map((changes) =>
      source
        .split(' ')
        .map((word, k) => (changes[k] === null ? word : changes[k]))
        .join(' '),
    )

const versions = fc
  .array(text, { minLength: 1, maxLength: 12 })
  .chain((next) => fc.tuple(fc.constant(next), fc.tuple(...next.map(edit)), fc.array(text, { maxLength: 4 })))

describe('the pairs an import compares', () => {
  test.prop([versions], { numRuns: 300 })('include every pair similar enough to keep an anchor', ([next, edited, other]) => {
    const previous = [...edited, ...other]
    const compared = new Set(candidatePairs(next, previous).map(([i, p]) => `${i}:${p}`))
    const similar = next.flatMap((a, i) => previous.flatMap((b, p) => (similarity(a, b) >= SIMILARITY_THRESHOLD ? [`${i}:${p}`] : [])))
    expect(similar.filter((pair) => !compared.has(pair))).toEqual([])
  })
})
