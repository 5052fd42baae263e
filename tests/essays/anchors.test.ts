import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  anchorFor,
  normaliseForComparison,
  planAnchors,
  similarity,
  SIMILARITY_THRESHOLD,
  type AnchoredBlock,
} from '../../server/essays/anchors.ts'
import { parseEssay, type ParsedBlock } from '../../server/essays/parse.ts'

const ESSAY = parseEssay(readFileSync(new URL('../../essays/sora-spektakel.md', import.meta.url), 'utf8'))
const FIRST_IMPORT = planAnchors([], ESSAY.blocks).blocks

/** The essay's blocks with one of them replaced by `change(block)`, or left out when it returns undefined. */
function withBlock(index: number, change: (block: ParsedBlock) => ParsedBlock | undefined): ParsedBlock[] {
  return ESSAY.blocks.flatMap((block, i) => {
    if (i !== index) return [block]
    const changed = change(block)
    return changed ? [changed] : []
  })
}

function anchorsOf(blocks: AnchoredBlock[]): string[] {
  return blocks.map((block) => block.anchor)
}

function at<T>(items: T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new Error(`no item at ${index}`)
  return item
}

// "Damals meint Debord noch das Fernsehen …", the paragraph ending in "Debord nennt das: Vereinzelung."
const DEBORD_TV = 5
const DEBORD_TV_REWRITTEN =
  'Debord hatte 1967 noch das Fernsehen im Blick, als er die Massenmedien als die erdrückendste ' +
  'Oberflächenerscheinung des Spektakels bezeichnete. Jeden Abend saßen die Menschen vor den Nachrichten ' +
  'oder ihrer Lieblingsserie, und dieses Bedürfnis hatte das Fernsehen selbst geschaffen. Die Kommunikation ' +
  'lief nur in eine Richtung: Das Publikum nahm das Programm passiv auf. Angebot und Nachfrage schaukelten ' +
  'sich gegenseitig hoch, je mehr Spektakel, desto größer der Hunger danach. So saß jeder für sich allein ' +
  'vor dem Bildschirm, gemeinsam und doch getrennt – die Vereinzelung, wie Debord sie nennt.'

describe('normaliseForComparison', () => {
  it('keeps umlauts and ß as letters of their own', () => {
    expect(normaliseForComparison('Straße')).not.toBe(normaliseForComparison('Strasse'))
    expect(normaliseForComparison('Bedürfnis')).not.toBe(normaliseForComparison('Bedurfnis'))
    expect(normaliseForComparison('ÄRGER ÜBER ÖL')).toBe('ärger über öl')
  })

  it('reads decomposed and composed umlauts alike', () => {
    expect(normaliseForComparison('Zuru\u0308cklehnen')).toBe(normaliseForComparison('Zurücklehnen'))
    expect(normaliseForComparison('Zuru\u0308cklehnen')).toBe('zurücklehnen')
  })

  it('drops punctuation, dashes and quotes and collapses whitespace', () => {
    expect(normaliseForComparison('  Debord stellt fest: „Was erscheint, das ist gut“ – oder?  ')).toBe(
      'debord stellt fest was erscheint das ist gut oder',
    )
    expect(normaliseForComparison('»Spektakel«\u00a0und\t"Programm"…')).toBe('spektakel und programm')
    expect(normaliseForComparison('KI-App')).toBe(normaliseForComparison('KI\u00adApp'))
    expect(normaliseForComparison('geht’s')).toBe(normaliseForComparison("geht's"))
    expect(normaliseForComparison('Ｓｏｒａ')).toBe('sora')
  })
})

describe('similarity', () => {
  const paragraph = at(ESSAY.blocks, DEBORD_TV).text

  it('scores a one-word change in a long paragraph far above the threshold', () => {
    expect(similarity(paragraph, paragraph)).toBe(1)
    expect(similarity(paragraph, paragraph.replace('Vereinzelung.', 'Isolation.'))).toBeGreaterThan(0.95)
    expect(similarity(paragraph, paragraph.replace('Bedürfnis', 'Bedurfnis'))).toBeGreaterThan(0.95)
  })

  it('scores a rewrite of the same paragraph, and other paragraphs, far below the threshold', () => {
    expect(similarity(paragraph, DEBORD_TV_REWRITTEN)).toBeLessThan(SIMILARITY_THRESHOLD / 2)
    for (const other of ESSAY.blocks) {
      if (other.text !== paragraph) expect(similarity(paragraph, other.text)).toBeLessThan(0.1)
    }
  })

  it('lets a short heading survive a typo fix but not a new word', () => {
    expect(similarity('Aufstehn', 'Aufstehen')).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD)
    expect(similarity('Aufstehen', 'Zurücklehnen')).toBeLessThan(SIMILARITY_THRESHOLD)
  })

  it('is symmetric', () => {
    const other = at(ESSAY.blocks, 6).text
    expect(similarity(paragraph, other)).toBe(similarity(other, paragraph))
  })
})

describe('anchorFor', () => {
  it('derives a short, kind-prefixed id from the normalised text', () => {
    const anchor = anchorFor('paragraph', 'Der Prosument ist tätig.', new Set())
    expect(anchor).toMatch(/^p-[0-9a-f]{8}$/)
    expect(anchorFor('paragraph', 'der prosument ist tätig', new Set())).toBe(anchor)
    expect(anchorFor('heading', 'Der Prosument ist tätig.', new Set())).toMatch(/^h-[0-9a-f]{8}$/)
  })

  it('appends -2, -3 … to an anchor already taken, without taking it', () => {
    const base = anchorFor('paragraph', 'Doppelt.', new Set())
    const taken = new Set([base, `${base}-2`])
    expect(anchorFor('paragraph', 'Doppelt.', taken)).toBe(`${base}-3`)
    expect(taken.size).toBe(2)
  })
})

describe('planAnchors', () => {
  it('gives the default essay the same anchors on every install', () => {
    expect(FIRST_IMPORT.map(({ kind, anchor }) => `${kind} ${anchor}`)).toEqual([
      'paragraph p-41df08bd',
      'paragraph p-f42ded7f',
      'paragraph p-7a2d14f7',
      'heading h-3003bdc2',
      'paragraph p-ff6a42eb',
      'paragraph p-1f9fc1dc',
      'paragraph p-dd5455c4',
      'heading h-a40e6434',
      'paragraph p-65512457',
      'paragraph p-d469d273',
      'paragraph p-fd8de9e1',
    ])
    const plan = planAnchors([], ESSAY.blocks)
    expect(plan.added).toEqual(anchorsOf(FIRST_IMPORT))
    expect(plan.blocks.map(({ kind, text }) => ({ kind, text }))).toEqual(ESSAY.blocks)
  })

  it('changes nothing when the same essay is imported again', () => {
    const plan = planAnchors(FIRST_IMPORT, ESSAY.blocks)
    expect(plan.blocks).toEqual(FIRST_IMPORT)
    expect(plan.unchanged).toEqual(anchorsOf(FIRST_IMPORT))
    expect(plan).toMatchObject({ edited: [], added: [], removed: [] })
  })

  it.each([
    ['a changed word', (text: string) => text.replace('Vereinzelung.', 'Isolation.')],
    ['a changed umlaut', (text: string) => text.replace('Nachfrage', 'Nachfräge')],
    ['changed punctuation only', (text: string) => text.replace('Debord nennt das:', 'Debord nennt das –')],
    ['an added sentence', (text: string) => `${text} Heute hat jeder seinen eigenen Bildschirm.`],
  ])('keeps the anchor of a paragraph after %s and lists it as edited', (_, edit) => {
    const next = withBlock(DEBORD_TV, (block) => ({ ...block, text: edit(block.text) }))
    const plan = planAnchors(FIRST_IMPORT, next)
    const anchor = at(FIRST_IMPORT, DEBORD_TV).anchor

    expect(anchorsOf(plan.blocks)).toEqual(anchorsOf(FIRST_IMPORT))
    expect(at(plan.blocks, DEBORD_TV).text).toBe(at(next, DEBORD_TV).text)
    expect(plan.edited).toEqual([anchor])
    expect(plan.unchanged).toHaveLength(10)
    expect(plan).toMatchObject({ added: [], removed: [] })
  })

  it('gives a rewritten paragraph a new anchor and reports the old one removed with its old text', () => {
    const plan = planAnchors(
      FIRST_IMPORT,
      withBlock(DEBORD_TV, (block) => ({ ...block, text: DEBORD_TV_REWRITTEN })),
    )
    const old = at(FIRST_IMPORT, DEBORD_TV)
    const fresh = at(plan.blocks, DEBORD_TV)

    expect(fresh.anchor).not.toBe(old.anchor)
    expect(fresh.text).toBe(DEBORD_TV_REWRITTEN)
    expect(plan.added).toEqual([fresh.anchor])
    expect(plan.removed).toEqual([old])
    expect(plan.edited).toEqual([])
  })

  it('reports a deleted paragraph as removed and keeps every other anchor', () => {
    const plan = planAnchors(
      FIRST_IMPORT,
      withBlock(DEBORD_TV, () => undefined),
    )
    expect(plan.removed).toEqual([at(FIRST_IMPORT, DEBORD_TV)])
    expect(anchorsOf(plan.blocks)).toEqual(anchorsOf(FIRST_IMPORT.filter((_, i) => i !== DEBORD_TV)))
    expect(plan).toMatchObject({ edited: [], added: [] })
  })

  it('gives a paragraph inserted in the middle a new anchor and leaves the others alone', () => {
    const inserted: ParsedBlock = { kind: 'paragraph', text: 'Ein neuer Absatz über Debord und das Fernsehen.' }
    const next = [...ESSAY.blocks.slice(0, 5), inserted, ...ESSAY.blocks.slice(5)]
    const plan = planAnchors(FIRST_IMPORT, next)
    const fresh = at(plan.blocks, 5)

    expect(anchorsOf(plan.blocks)).toEqual([...anchorsOf(FIRST_IMPORT.slice(0, 5)), fresh.anchor, ...anchorsOf(FIRST_IMPORT.slice(5))])
    expect(anchorsOf(FIRST_IMPORT)).not.toContain(fresh.anchor)
    expect(plan.added).toEqual([fresh.anchor])
    expect(plan.unchanged).toHaveLength(11)
    expect(plan).toMatchObject({ edited: [], removed: [] })
  })

  it('keeps both anchors when two paragraphs swap places, even when one is also edited', () => {
    const swapped = [...ESSAY.blocks]
    swapped[5] = at(ESSAY.blocks, 6)
    swapped[6] = { ...at(ESSAY.blocks, 5), text: at(ESSAY.blocks, 5).text.replace('Flimmerkiste', 'Glotze') }
    const plan = planAnchors(FIRST_IMPORT, swapped)

    expect(at(plan.blocks, 5).anchor).toBe(at(FIRST_IMPORT, 6).anchor)
    expect(at(plan.blocks, 6).anchor).toBe(at(FIRST_IMPORT, 5).anchor)
    expect(plan.edited).toEqual([at(FIRST_IMPORT, 5).anchor])
    expect(plan).toMatchObject({ added: [], removed: [] })
  })

  it('gives repeated paragraph texts distinct anchors and keeps them in order', () => {
    const repeated: ParsedBlock = { kind: 'paragraph', text: 'Debord nennt das: Vereinzelung.' }
    const first = planAnchors([], [repeated, at(ESSAY.blocks, 0), repeated])
    const [one, , two] = anchorsOf(first.blocks)
    expect(one).not.toBe(two)
    expect(two).toBe(`${one}-2`)

    const again = planAnchors(first.blocks, [repeated, repeated, at(ESSAY.blocks, 0), repeated])
    const anchors = anchorsOf(again.blocks)
    expect(anchors.slice(0, 2)).toEqual([one, two])
    expect(new Set(anchors).size).toBe(4)
    expect(again.added).toEqual([at(anchors, 3)])
  })

  it('keeps order when equally similar blocks compete for the same predecessors', () => {
    const text = at(ESSAY.blocks, 2).text
    const previous = planAnchors(
      [],
      [
        { kind: 'paragraph', text },
        { kind: 'paragraph', text },
      ],
    ).blocks
    const edited = text.replace('TikTok', 'Instagram')
    const plan = planAnchors(previous, [
      { kind: 'paragraph', text: edited },
      { kind: 'paragraph', text: edited },
    ])
    expect(anchorsOf(plan.blocks)).toEqual(anchorsOf(previous))
  })

  it('matches a heading only with a heading', () => {
    const previous: AnchoredBlock[] = [
      { anchor: 'h-1', kind: 'heading', text: 'Aufstehen' },
      { anchor: 'p-1', kind: 'paragraph', text: 'Ein Absatz.' },
    ]
    const plan = planAnchors(previous, [
      { kind: 'paragraph', text: 'Aufstehen' },
      { kind: 'paragraph', text: 'Ein Absatz.' },
    ])
    expect(at(plan.blocks, 0).anchor).toMatch(/^p-/)
    expect(plan.removed).toEqual([at(previous, 0)])
  })

  it('never hands out an anchor a removed block had', () => {
    const fresh = { kind: 'paragraph', text: 'Ein ganz neuer Absatz.' } as const
    const hashAnchor = anchorFor(fresh.kind, fresh.text, new Set())
    const previous: AnchoredBlock[] = [{ anchor: hashAnchor, kind: 'paragraph', text: 'Ein alter Absatz, der geht.' }]
    const plan = planAnchors(previous, [fresh])
    expect(plan.added).toEqual([`${hashAnchor}-2`])
    expect(plan.removed).toEqual(previous)
  })

  it('refuses previous blocks that share an anchor', () => {
    const block: AnchoredBlock = { anchor: 'p-1', kind: 'paragraph', text: 'Eins.' }
    expect(() => planAnchors([block, { ...block, text: 'Zwei.' }], [])).toThrow(/share the anchor "p-1"/)
  })
})
