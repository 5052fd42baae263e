import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { ESSAY_LIMITS, EssayParseError } from '../../server/essays/parse.ts'
import { DEFAULT_ESSAY, DEFAULT_ESSAY_FILE } from '../../server/seed.ts'
import { buildApp, signUp, write } from '../helper.ts'

type App = Awaited<ReturnType<typeof buildApp>>
const original = readFileSync(DEFAULT_ESSAY_FILE, 'utf8')

async function blocksOf(app: App) {
  return (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks as {
    anchor: string
    kind: string
    text: string
    counts: { comments: number }
  }[]
}

async function comment(app: App, cookie: string, anchor: string, body: string) {
  const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, cookie, { body, stance: 'contra' })
  expect(res.statusCode).toBe(201)
  return res.json().comment.id as number
}

describe('re-importing an essay', () => {
  it('changes nothing when the file is identical', async () => {
    const app = await buildApp()
    const before = await blocksOf(app)
    const result = await app.repos.essays.import(original, DEFAULT_ESSAY, 'markdown')
    expect(result.changed).toBe(false)
    expect(await blocksOf(app)).toEqual(before)
    expect((await app.inject({ url: '/api/debates/sora' })).json().debate.seq).toBe(0)
  })

  it('keeps the anchors and comments of unchanged and lightly edited paragraphs', async () => {
    const app = await buildApp()
    const { cookie } = await signUp(app)
    const before = await blocksOf(app)
    const television = before.find((b) => b.text.startsWith('Damals meint Debord'))!
    const id = await comment(app, cookie, television.anchor, 'Fernsehen ist nicht TikTok.')
    // One word changed, umlauts kept: a light edit.
    const edited = original.replace('Debord nennt das: Vereinzelung.', 'Debord nennt das: Isolation.')
    const result = await app.repos.essays.import(edited, DEFAULT_ESSAY, 'markdown')
    expect(result.plan!.edited).toEqual([television.anchor])
    const after = await blocksOf(app)
    expect(after.map((b) => b.anchor)).toEqual(before.map((b) => b.anchor))
    expect(after.find((b) => b.anchor === television.anchor)!.text).toContain('Isolation')
    const thread = (await app.inject({ url: `/api/debates/sora/paragraphs/${television.anchor}/comments` })).json().comments
    expect(thread).toEqual([expect.objectContaining({ id, outdated: false })])
  })

  it('marks comments on a rewritten paragraph outdated, keeping the wording they answered', async () => {
    const app = await buildApp()
    const { cookie } = await signUp(app)
    const before = await blocksOf(app)
    const target = before.find((b) => b.text.startsWith('Weder filmtheoretisches'))!
    const id = await comment(app, cookie, target.anchor, 'Handwerk zählt weiter.')
    const rewritten = original.replace(
      target.text,
      'Heute genügt ein Satz, um ein Video entstehen zu lassen. Ob daraus Kunst wird, entscheidet sich woanders: beim Schneiden, Verwerfen und Weiterdenken.',
    )
    const result = await app.repos.essays.import(rewritten, DEFAULT_ESSAY, 'markdown')
    expect(result.outdated).toBe(1)
    const after = await blocksOf(app)
    expect(after.map((b) => b.anchor)).not.toContain(target.anchor)
    const successor = after.find((b) => b.text.startsWith('Heute genügt'))!
    const thread = (await app.inject({ url: `/api/debates/sora/paragraphs/${successor.anchor}/comments` })).json().comments
    expect(thread).toEqual([expect.objectContaining({ id, body: 'Handwerk zählt weiter.', outdated: true, outdatedText: target.text })])
    expect(successor.counts.comments).toBe(1)
    const log = await app.repos.events.since({ id: (await app.repos.debates.bySlug('sora'))!.id, slug: 'sora' }, 1)
    expect(log).toEqual([
      expect.objectContaining({ type: 'essay.updated', seq: 2, removed: [target.anchor] }),
      expect.objectContaining({ type: 'moderation.queue', seq: 3, size: 1 }),
    ])
  })

  it('never deletes comments on a removed paragraph', async () => {
    const app = await buildApp()
    const { cookie } = await signUp(app)
    const before = await blocksOf(app)
    const removed = before.find((b) => b.text.startsWith('Zusammen mit der technischen'))!
    const id = await comment(app, cookie, removed.anchor, 'Der Prosument war nie frei.')
    const thread = `/api/debates/sora/paragraphs/${removed.anchor}/comments`
    expect((await app.inject({ url: thread })).json().comments).toHaveLength(1)
    await app.repos.essays.import(original.replace(`${removed.text}\n\n`, ''), DEFAULT_ESSAY, 'markdown')
    // The paragraph the server found at that anchor before is gone: its thread is too.
    expect((await app.inject({ url: thread })).statusCode).toBe(404)
    const after = await blocksOf(app)
    expect(after.filter((b) => b.kind === 'paragraph')).toHaveLength(8)
    const view = (await app.inject({ url: `/api/comments/${id}` })).json()
    expect(view.comment).toMatchObject({ outdated: true, outdatedText: removed.text, body: 'Der Prosument war nie frei.' })
    expect(after.map((b) => b.anchor)).toContain(view.comment.anchor)
  })

  it('plans again when another import lands between planning and writing', async () => {
    const app = await buildApp()
    const essays = app.repos.essays
    const before = await blocksOf(app)
    const first = original.replace('Debord nennt das: Vereinzelung.', 'Debord nennt das: Isolation.')
    const second = first.replace('Das Spektakel hat mit Sora gelernt', 'Das Spektakel hat mit Sora schnell gelernt')
    const read = essays.currentBlocks.bind(essays)
    let raced = false
    vi.spyOn(essays, 'currentBlocks').mockImplementation(async (id) => {
      const rows = await read(id)
      if (!raced) {
        raced = true
        await essays.import(first, DEFAULT_ESSAY, 'markdown')
      }
      return rows
    })
    const result = await essays.import(second, DEFAULT_ESSAY, 'markdown')
    // Planned again against the first edit, the second reports only its own change.
    const closing = before.find((b) => b.text.startsWith('Das Spektakel hat mit Sora'))!
    expect(result.plan!.edited).toEqual([closing.anchor])
    expect((await blocksOf(app)).map((b) => [b.anchor, b.text])).toEqual(
      before.map((b) => [b.anchor, b.text.replace('Vereinzelung.', 'Isolation.').replace('Sora gelernt', 'Sora schnell gelernt')]),
    )
  })

  it('imports the plain-text form with its headings', async () => {
    const app = await buildApp()
    const text = ['Ein Titel', 'Der Vorspann endet hier.', 'Abschnitt', 'Ein Absatz über Straßen und Brücken.'].join('\n')
    const { essay } = await app.repos.essays.import(text, 'kurz')
    expect(essay.title).toBe('Ein Titel')
    expect((await app.repos.essays.currentBlocks(essay.id)).map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Der Vorspann endet hier.'],
      ['heading', 'Abschnitt'],
      ['paragraph', 'Ein Absatz über Straßen und Brücken.'],
    ])
  })
})

/** A Markdown essay of `count` distinct paragraphs, each `chars` characters long or a little more. */
function essayOf(count: number, chars = 40): string {
  const paragraphs = Array.from({ length: count }, (_, i) => `Absatz ${i}: ${'Wort '.repeat(Math.ceil(chars / 5))}`.trim())
  return `# Ein langer Essay\n\n${paragraphs.join('\n\n')}\n`
}

describe('the limits of an essay', () => {
  it(`takes an essay of ${ESSAY_LIMITS.blocks} blocks and refuses one more, changing nothing`, async () => {
    const app = await buildApp()
    const { essay } = await app.repos.essays.import(essayOf(ESSAY_LIMITS.blocks), 'lang', 'markdown')
    expect(await app.repos.essays.currentBlocks(essay.id)).toHaveLength(ESSAY_LIMITS.blocks)
    const tooMany = () => app.repos.essays.import(essayOf(ESSAY_LIMITS.blocks + 1), 'lang', 'markdown')
    await expect(tooMany()).rejects.toThrow(EssayParseError)
    await expect(tooMany()).rejects.toThrow(
      `has ${ESSAY_LIMITS.blocks + 1} paragraphs and headings; an essay may have at most ${ESSAY_LIMITS.blocks}`,
    )
    expect(await app.repos.essays.currentBlocks(essay.id)).toHaveLength(ESSAY_LIMITS.blocks)
  })

  it('refuses a source beyond 2 MiB and a paragraph beyond its length', async () => {
    const app = await buildApp()
    const huge = essayOf(400, 6_000)
    expect(Buffer.byteLength(huge)).toBeGreaterThan(ESSAY_LIMITS.sourceBytes)
    await expect(app.repos.essays.import(huge, 'gross', 'markdown')).rejects.toThrow(/is 2\.3 MB; an essay may be at most 2\.0 MB/)
    const long = essayOf(3, ESSAY_LIMITS.blockChars + 10)
    await expect(app.repos.essays.import(long, 'gross', 'markdown')).rejects.toThrow(
      new RegExp(`^The paragraph "Absatz 0: Wort.*" is \\d+ characters long; a paragraph may be at most ${ESSAY_LIMITS.blockChars}\\.$`),
    )
    expect(await app.repos.essays.bySlug('gross')).toBeUndefined()
  })
})
