import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { paragraphs, signUp, write } from '../helper.ts'
import { LiveClient, range, startLive, type Live } from './support.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function post(live: Live, cookie: string, anchor: string, body: string) {
  const res = await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, cookie, { body, stance: 'pro' })
  expect(res.statusCode).toBe(201)
}

describe('resuming after a disconnect', () => {
  it('delivers exactly the missed events, in order, then live ones', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const first = await LiveClient.open(live)
    await first.subscribe()
    await post(live, user.cookie, anchor!, 'eins')
    await first.waitFor((f) => f.seq === 1)
    first.socket.close()
    await first.closed

    for (const body of ['zwei', 'drei', 'vier']) await post(live, user.cookie, anchor!, body)
    const again = await LiveClient.open(live)
    expect(await again.subscribe('sora', 1)).toMatchObject({ type: 'subscribed', debate: 'sora', seq: 4 })
    await post(live, user.cookie, anchor!, 'fünf')

    await again.until(() => again.events().length === 4, 'four events')
    await again.sync()
    expect(again.events().map((e) => [e.seq, e.comment.body])).toEqual([
      [2, 'zwei'],
      [3, 'drei'],
      [4, 'vier'],
      [5, 'fünf'],
    ])
    // The confirmation comes before the replay.
    const subscribedAt = again.frames.findIndex((f) => f.type === 'subscribed')
    expect(again.frames.findIndex((f) => f.seq === 2)).toBeGreaterThan(subscribedAt)
  })

  it('replays nothing when the client is up to date', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    await post(live, user.cookie, anchor!, 'eins')
    const client = await LiveClient.open(live)
    expect((await client.subscribe('sora', 1)).seq).toBe(1)
    await client.sync()
    expect(client.events()).toEqual([])
    expect(client.frames.some((f) => f.type === 'reset')).toBe(false)
  })

  it('resumes exactly across a server restart on the same database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-live-'))
    dirs.push(dir)
    const file = join(dir, 'live.db')
    const before = await startLive({ db: await openDatabase(file) })
    const [anchor] = await paragraphs(before.app)
    const user = await signUp(before.app)
    const client = await LiveClient.open(before)
    await client.subscribe()
    await post(before, user.cookie, anchor!, 'vor dem Neustart')
    await client.waitFor((f) => f.seq === 1)
    await before.app.close()
    expect((await client.closed).code).toBe(1001)

    const after = await startLive({ db: await openDatabase(file) })
    await post(after, user.cookie, anchor!, 'nach dem Neustart')
    await post(after, user.cookie, anchor!, 'und noch einer')
    const resumed = await LiveClient.open(after)
    expect((await resumed.subscribe('sora', 1)).seq).toBe(3)
    await resumed.until(() => resumed.events().length === 2, 'two events')
    await resumed.sync()
    expect(resumed.events().map((e) => [e.seq, e.comment.body])).toEqual([
      [2, 'nach dem Neustart'],
      [3, 'und noch einer'],
    ])
  })

  it('keeps every client’s log whole while writes and reconnects interleave', async () => {
    const live = await startLive()
    const anchors = (await paragraphs(live.app)).slice(0, 5)
    const users = await Promise.all([signUp(live.app), signUp(live.app), signUp(live.app)])
    const stances = ['pro', 'contra', 'undecided'] as const
    const received: number[] = []

    // Each round a reader resumes from the last seq it saw while 15 writes land, and drops off
    // as soon as the first of them arrives: the rest are in flight, lost, and must be replayed.
    for (let round = 0; round < 8; round++) {
      const client = await LiveClient.open(live)
      const since = received.at(-1) ?? 0
      client.send({ type: 'subscribe', debate: 'sora', since })
      const writes = Promise.all(
        users.flatMap((u, i) =>
          anchors.map((anchor, j) =>
            write(live.app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/position`, u.cookie, {
              stance: stances[(round + i + j) % 3],
            }),
          ),
        ),
      )
      await client.until(() => client.seqs().some((seq) => seq > round * 15), 'an event of this round')
      client.socket.terminate()
      received.push(...client.seqs())
      await client.closed
      await writes
    }
    const last = await LiveClient.open(live)
    const total = (await last.subscribe('sora', received.at(-1) ?? 0)).seq as number
    await last.sync()
    received.push(...last.seqs())

    expect(total).toBe(8 * 15)
    expect(received).toEqual(range(1, total))
  })
})

describe('reset', () => {
  it('tells a client whose since is older than the retained log to refetch', async () => {
    const live = await startLive({ live: { retention: { maxEvents: 2, maxAgeMs: 7 * 86_400_000 } } })
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    for (const body of ['1', '2', '3', '4', '5']) await post(live, user.cookie, anchor!, body)
    expect(await live.app.hub.prune()).toBe(3)

    const stale = await LiveClient.open(live)
    await stale.subscribe('sora', 2)
    const reset = await stale.waitFor((f) => f.type === 'reset')
    expect(reset).toEqual({ type: 'reset', debate: 'sora', seq: 5 })
    await stale.sync()
    expect(stale.events()).toEqual([])

    // Just inside the retained log: replayed as usual.
    const recent = await LiveClient.open(live)
    await recent.subscribe('sora', 3)
    await recent.until(() => recent.events().length === 2, 'two events')
    expect(recent.seqs()).toEqual([4, 5])
    expect(recent.frames.some((f) => f.type === 'reset')).toBe(false)

    // After a reset the subscription goes on from the seq it named.
    await post(live, user.cookie, anchor!, '6')
    await stale.waitFor((f) => f.seq === 6)
    expect(stale.seqs()).toEqual([6])
  })

  it('tells a client whose since is newer than the log (a restored database) to refetch', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    await post(live, user.cookie, anchor!, 'eins')

    const client = await LiveClient.open(live)
    await client.subscribe('sora', 42)
    expect(await client.waitFor((f) => f.type === 'reset')).toEqual({ type: 'reset', debate: 'sora', seq: 1 })
    await post(live, user.cookie, anchor!, 'zwei')
    await client.waitFor((f) => f.seq === 2)
    await client.sync()
    expect(client.seqs()).toEqual([2])
  })

  it('prunes by age, always keeping a debate’s newest event', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    for (const body of ['1', '2', '3']) await post(live, user.cookie, anchor!, body)
    expect(await live.app.hub.prune(Date.now() + 8 * 86_400_000)).toBe(2)
    expect(await live.app.repos.events.oldestSeq((await live.app.repos.debates.bySlug('sora'))!.id)).toBe(3)

    const client = await LiveClient.open(live)
    await client.subscribe('sora', 0)
    expect(await client.waitFor((f) => f.type === 'reset')).toMatchObject({ seq: 3 })
  })
})
