/**
 * The app with one large seminar for the record benchmark: 200 participants (guests who joined),
 * 3,000 arguments over the nine paragraphs, a reply to every third one, votes, positions and a
 * before/after poll. Started with `bare` after the database path, it serves instead the same
 * tables as plain better-sqlite3 reads sent with JSON.stringify: the data the record is made of,
 * without the app. Prints `{ port, slug, paths, cookie }` once listening.
 */
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import { openDatabase } from '../../db/client.ts'
import type { Stance } from '../../db/schema.ts'
import app, { serverOptions } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { DEFAULT_ESSAY, seedDefaultDebate } from '../../server/seed.ts'
import { buildOnScratch, exitWhenAsked, PUBLIC_URL } from './fixture.ts'
import { ARGUMENTS, PARTICIPANTS, RECORD_FILES, type RecordTargets } from './record-targets.ts'

const [databasePath, mode = 'app'] = process.argv.slice(2)
if (!databasePath || !['app', 'bare'].includes(mode)) throw new Error('usage: record-server.ts <database path> [app|bare]')

const STANCES: Stance[] = ['pro', 'contra', 'neutral']
const config = loadConfig({ PUBLIC_URL, DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' })

const { debate, token } = await buildOnScratch(databasePath, config, async (repos) => {
  await seedDefaultDebate(repos)
  const leader = await repos.users.create('leader', 'correct horse battery')
  const essay = (await repos.essays.bySlug(DEFAULT_ESSAY))!
  const { debate: created } = await repos.seminars.create({ essayId: essay.id, ownerId: leader.id, title: 'Seminar 200', anonymous: false })
  await repos.seminars.setPhase(created, 'open')
  const debate = (await repos.debates.bySlug(created.slug))!
  const paragraphs = await Promise.all(
    (await repos.debates.blocksWithTallies(debate, null))
      .filter((b) => b.kind === 'paragraph')
      .map(async (b) => (await repos.debates.paragraph(debate, b.anchor))!),
  )
  const students: number[] = []
  for (let i = 0; i < PARTICIPANTS; i++) students.push((await repos.seminars.join(debate, null, `Student ${i + 1}`)).value.user.id)

  const before = (await repos.polls.open(debate, { block: paragraphs[0]! }, leader.id)).value
  for (const [i, id] of students.entries())
    await repos.polls.vote(debate, (await repos.polls.byId(before.id))!, id, STANCES[i % 2] === 'pro' ? 'pro' : 'contra')
  await repos.polls.close(debate, (await repos.polls.byId(before.id))!)
  const after = (await repos.polls.open(debate, { block: paragraphs[0]!, beforeId: before.id }, leader.id)).value
  for (const [i, id] of students.entries()) {
    await repos.polls.vote(
      debate,
      (await repos.polls.byId(after.id))!,
      id,
      i % 3 === 0 ? 'undecided' : 'pro',
      i % 3 === 0 ? 'Beide Seiten haben recht.' : undefined,
    )
  }
  await repos.polls.close(debate, (await repos.polls.byId(after.id))!)

  for (let i = 0; i < ARGUMENTS; i++) {
    const block = paragraphs[i % paragraphs.length]!
    const author = students[i % students.length]!
    const { value } = await repos.comments.create(debate, block, author, {
      body: `Argument ${i + 1}: Die Passivität, die der Essay beschreibt, ist ${i % 2 ? 'keine' : 'eine'} Frage des Werkzeugs.`,
      stance: STANCES[i % STANCES.length]!,
    })
    if (i % 3 === 0) {
      await repos.comments.create(debate, block, students[(i + 7) % students.length]!, {
        body: 'Eine Antwort darauf, mit einem Gegenbeispiel.',
        stance: 'contra',
        parentId: value.comment.id,
      })
    }
    const row = (await repos.comments.byId(value.comment.id))!
    for (let v = 1; v <= i % 4; v++) await repos.comments.vote(debate, row, students[(i + v * 13) % students.length]!, 1)
    if (i < students.length * 3) await repos.positions.set(debate, block, author, STANCES[i % 2] === 'pro' ? 'pro' : 'contra')
  }
  await repos.records.setRule(debate, { arguments: 10, replies: 5, mode: 'scaled', points: 10 })
  const { token } = await repos.sessions.create(leader.id)
  return { debate, token }
})

const base = `/api/debates/${debate.slug}/record`
const targets: RecordTargets = {
  slug: debate.slug,
  paths: { record: base, files: Object.fromEntries(RECORD_FILES.map((f) => [f, `${base}/${f}`])), log: `${base}/log` },
  cookie: `mg_session=${token}`,
}

const server = Fastify(mode === 'app' ? serverOptions(config, false) : { logger: false })
let close: () => Promise<void> | void
if (mode === 'app') {
  const db = await openDatabase(databasePath)
  await server.register(app, { config, db })
  close = () => db.close()
} else {
  // The baseline: every table the record reads, whole, in one answer per path.
  const sqlite = new Database(databasePath, { readonly: true })
  const id = debate.id
  const tables = () => ({
    comments: sqlite.prepare('select * from comments where debate_id = ? order by created_at, id').all(id),
    versions: sqlite.prepare('select v.* from comment_versions v join comments c on c.id = v.comment_id where c.debate_id = ?').all(id),
    votes: sqlite.prepare('select v.* from comment_votes v join comments c on c.id = v.comment_id where c.debate_id = ?').all(id),
    positions: sqlite.prepare('select * from positions where debate_id = ?').all(id),
    polls: sqlite.prepare('select * from polls where debate_id = ?').all(id),
    pollVotes: sqlite.prepare('select v.* from poll_votes v join polls p on p.id = v.poll_id where p.debate_id = ?').all(id),
    members: sqlite.prepare('select m.*, u.username from debate_members m join users u on u.id = m.user_id where m.debate_id = ?').all(id),
    events: sqlite.prepare('select * from events where debate_id = ?').all(id),
  })
  for (const path of [base, ...Object.values(targets.paths.files)])
    server.get(path, async (_, reply) => reply.type('application/json').send(JSON.stringify(tables())))
  // The replay's log: the debate's events, whole, in order.
  const events = sqlite.prepare('select * from events where debate_id = ? order by seq')
  server.get(targets.paths.log, async (_, reply) => reply.type('application/json').send(JSON.stringify(events.all(id))))
  close = () => void sqlite.close()
}
await server.ready()

exitWhenAsked(async () => {
  await server.close()
  await close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
