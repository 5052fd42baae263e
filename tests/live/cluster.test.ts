/**
 * Two app servers on one Postgres database, in this process, each with its own pool and bus:
 * what one server's readers do reaches the other's, as it would across machines. Runs in the
 * Postgres half of the suite only (`TEST_DATABASE_URL`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgres, createPostgresTestDb, type PostgresDB } from '../../db/postgres.ts'
import type { LiveOptions } from '../../server/live/hub.ts'
import { EventsRepository } from '../../server/repositories/events.ts'
import { paragraphs, signUp, write, ORIGIN } from '../helper.ts'
import { eventually, LiveClient, startLive, type Live } from './support.ts'

const server = process.env.TEST_DATABASE_URL
const creators: PostgresDB[] = []
afterEach(async () => {
  // After the apps (closed by the helper's hook, which runs first): the database goes last.
  for (const db of creators.splice(0)) await db.close()
})

/** Two servers on a fresh database, the default debate seeded once. */
async function twoServers(live: Partial<LiveOptions> = {}): Promise<[Live, Live]> {
  const creator = await createPostgresTestDb(server!)
  creators.push(creator)
  const a = await startLive({ db: await openPostgres(creator.url), live })
  const b = await startLive({ db: await openPostgres(creator.url), live })
  return [a, b]
}

describe.runIf(server)('several app servers on one Postgres', () => {
  it('brings a comment posted through one server to the readers of the other, its tab id to its own tab', async () => {
    const [a, b] = await twoServers()
    const [anchor] = await paragraphs(a.app)
    const user = await signUp(a.app)
    const own = await LiveClient.open(b, { cookie: user.cookie, clientId: 'tab-1' })
    const other = await LiveClient.open(b)
    await Promise.all([own.subscribe(), other.subscribe()])
    const res = await a.app.inject({
      method: 'POST',
      url: `/api/debates/sora/paragraphs/${anchor}/comments`,
      headers: { origin: ORIGIN, cookie: user.cookie, 'x-client-id': 'tab-1' },
      payload: { body: 'Über den anderen Server', stance: 'pro' },
    })
    expect(res.statusCode).toBe(201)
    const seen = await other.waitFor((f) => f.type === 'comment.created')
    expect(seen).toMatchObject({ seq: 1, clientId: null, comment: { body: 'Über den anderen Server' } })
    expect(await own.waitFor((f) => f.type === 'comment.created')).toMatchObject({ seq: 1, clientId: 'tab-1' })
  })

  it('heals a notification that never came: the periodic check delivers from the log', async () => {
    const [a, b] = await twoServers({ busCheckMs: 100 })
    const reader = await LiveClient.open(b)
    await reader.subscribe()
    // Written straight to the database: no server announces it.
    const debate = (await a.app.repos.debates.bySlug('sora'))!
    await a.app.db.transaction((tx) =>
      EventsRepository.append(tx, debate, 'debate.settings', { settings: a.app.repos.debates.settingsOf(debate) }),
    )
    expect(await reader.waitFor((f) => f.type === 'debate.settings')).toMatchObject({ seq: 1 })
  })

  it('counts readers on both servers, a reader with tabs on both once, and relays typing notices', async () => {
    const [a, b] = await twoServers({ presenceIntervalMs: 20 })
    const [anchor] = await paragraphs(a.app)
    const user = await signUp(a.app)
    const writer = await signUp(a.app)
    const onA = await LiveClient.open(a, { cookie: user.cookie })
    const onB = await LiveClient.open(b, { cookie: user.cookie })
    const anonymous = await LiveClient.open(b)
    const typist = await LiveClient.open(a, { cookie: writer.cookie })
    await Promise.all([onA.subscribe(), onB.subscribe(), anonymous.subscribe(), typist.subscribe()])
    onA.send({ type: 'focus', debate: 'sora', anchor })
    await eventually(
      () => anonymous.frames.some((f) => f.type === 'presence' && f.online === 3 && f.readers[anchor!] === 1),
      'presence of 3 with one on the paragraph',
    )
    typist.send({ type: 'typing', debate: 'sora', anchor, stance: 'contra' })
    await eventually(() => anonymous.typing()[anchor!] === 'contra', 'the typing notice on the other server')
  })

  it('closes the sockets of a session that ends on the other server', async () => {
    // Long before its own periodic look at the session: the bus says it at once.
    const [a, b] = await twoServers({ sessionCheckMs: 600_000 })
    const user = await signUp(a.app)
    const socket = await LiveClient.open(b, { cookie: user.cookie })
    await socket.subscribe()
    expect((await write(a.app, 'POST', '/api/auth/logout', user.cookie)).statusCode).toBe(204)
    expect((await socket.closed).code).toBe(4001)
  })

  it('holds a user to one comment limit, whichever server takes the post', async () => {
    const [a, b] = await twoServers()
    const anchors = await paragraphs(a.app)
    const user = await signUp(a.app)
    const codes: number[] = []
    for (let i = 0; i < 21; i++) {
      const app = i % 2 === 0 ? a.app : b.app
      const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchors[i % anchors.length]}/comments`, user.cookie, {
        body: `Argument ${i}`,
        stance: 'neutral',
      })
      codes.push(res.statusCode)
    }
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true)
    expect(codes[20]).toBe(429)
  })
})
