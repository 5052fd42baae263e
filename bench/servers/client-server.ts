/**
 * The app serving the built client (client/dist) for the client benchmark, on a debate of
 * 2,000 comments: 300 on the third paragraph (arguments with replies up to three deep) and
 * the rest spread over the other paragraphs. Prints `{ port, total, threadSize, threadAnchor,
 * counts }` once listening; `counts` maps each paragraph to the count its marker must show.
 */
import Fastify from 'fastify'
import { openDatabase } from '../../db/client.ts'
import type { Stance } from '../../db/schema.ts'
import app, { serverOptions } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { DEFAULT_DEBATE, seedDefaultDebate } from '../../server/seed.ts'
import { buildOnScratch, exitWhenAsked, PUBLIC_URL } from './fixture.ts'

const TOTAL_COMMENTS = 2000
const THREAD_COMMENTS = 300

export interface ClientTargets {
  total: number
  threadSize: number
  threadAnchor: string
  counts: Record<string, number>
}

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: client-server.ts <database path>')

const STANCES: Stance[] = ['pro', 'contra', 'neutral']
const BODIES = [
  'Der Absatz unterschätzt, wie viel **Auswahl und Urteil** schon im Formulieren eines Prompts steckt.',
  'Passiv ist nicht, wer ein Werkzeug benutzt, sondern wer aufhört zu fragen, _wozu_ er es benutzt.',
  '> Das Spektakel ist zu einem abgetrennten, autonomen Bereich geworden\n\nGenau das trifft auf Feeds mehr zu als aufs Fernsehen.',
  'Ein Gegenbeispiel: Fotografie galt anfangs auch als Ende der Malerei. Siehe [Benjamin](https://de.wikipedia.org/wiki/Walter_Benjamin).',
  'Mir fehlt eine Unterscheidung zwischen Unterhaltung und Kunst, sonst wird alles gleich verdächtig.',
]

const config = loadConfig({ PUBLIC_URL, DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' })
const { thread, counts } = await buildOnScratch(databasePath, config, async (repos) => {
  await seedDefaultDebate(repos)
  const debate = (await repos.debates.bySlug(DEFAULT_DEBATE))!
  const paragraphs = await Promise.all(
    (await repos.debates.blocksWithTallies(debate, null))
      .filter((b) => b.kind === 'paragraph')
      .map(async (b) => (await repos.debates.paragraph(debate, b.anchor))!),
  )
  const thread = paragraphs[2]!
  const others = paragraphs.filter((p) => p !== thread)

  const readers: { id: number }[] = []
  for (let i = 1; i <= 6; i++) readers.push(await repos.users.create(`bench${i}`, 'correct horse battery'))

  const counts: Record<string, number> = {}
  const post = async (block: (typeof paragraphs)[number], i: number, parentId: number | null) => {
    const { value } = await repos.comments.create(debate, block, readers[i % readers.length]!.id, {
      body: BODIES[i % BODIES.length]!,
      stance: STANCES[i % STANCES.length]!,
      parentId,
    })
    // A marker counts arguments; a reply is no argument of its own.
    if (parentId === null) counts[block.anchor] = (counts[block.anchor] ?? 0) + 1
    return value.comment
  }
  const threadIds: { id: number; depth: number }[] = []
  for (let i = 0; i < THREAD_COMMENTS; i++) {
    // Two in five comments answer an earlier one, nesting up to three deep.
    const open = threadIds.filter((c) => c.depth < 3)
    const parent = i % 5 >= 3 && open.length > 0 ? open[(i * 7) % open.length] : undefined
    const c = await post(thread, i, parent?.id ?? null)
    threadIds.push({ id: c.id, depth: c.depth })
  }
  for (let i = 0; i < TOTAL_COMMENTS - THREAD_COMMENTS; i++) await post(others[i % others.length]!, i, null)
  return { thread, counts }
})
const db = await openDatabase(databasePath)

const server = Fastify(serverOptions(config, false))
await server.register(app, { config, db })
await server.ready()

exitWhenAsked(async () => {
  await server.close()
  await db.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: ClientTargets = { total: TOTAL_COMMENTS, threadSize: THREAD_COMMENTS, threadAnchor: thread.anchor, counts }
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
