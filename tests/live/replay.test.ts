import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { debates } from '../../db/schema.ts'
import { EventsRepository } from '../../server/repositories/events.ts'
import type { LiveOptions } from '../../server/live/hub.ts'
import { paragraphs } from '../helper.ts'
import { eventually, FakeSocket, LiveClient, range, settle, startLive, type Live } from './support.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

const CHUNK = 10
const PACED: Partial<LiveOptions> = { replayChunk: CHUNK, replayHighWaterBytes: 1024 }

/** The app with `count` events in the default debate's log, none of them published to anyone. */
async function withLog(count: number, live: Partial<LiveOptions> = PACED) {
  const app = await startLive({ live })
  const [anchor] = await paragraphs(app.app)
  const append = async (n = 1) => {
    const debate = (await app.app.repos.debates.bySlug('sora'))!
    return app.app.db.transaction(async (tx) => {
      const events = []
      for (let i = 0; i < n; i++) {
        events.push(
          await EventsRepository.append(tx, debate, 'position.changed', {
            anchor: anchor!,
            positions: { pro: i, contra: 0, undecided: 0 },
            userId: 1,
          }),
        )
      }
      return events
    })
  }
  await append(count)
  return { live: app, append, publish: async (n = 1) => app.app.hub.publish(await append(n)) }
}

/** Whether any replay is still to finish. */
const pending = (live: Live) => Object.values(live.app.hub.replays).some((n) => n > 0)

/** Drains the socket step by step until its replay has joined the live stream; the growth of each step. */
async function drainAll(live: Live, fake: FakeSocket): Promise<number[]> {
  const steps: number[] = []
  for (let i = 0; i < 1000 && pending(live); i++) {
    const before = fake.seqs().length
    fake.drain()
    await settle()
    steps.push(fake.seqs().length - before)
  }
  fake.drain()
  await settle()
  return steps
}

describe('a replay', () => {
  it('goes out in steps, each waiting for a slow reader to take the last, who is not cut off', async () => {
    const { live } = await withLog(300)
    const fake = FakeSocket.connect(live)
    const subscribed = fake.nextFrame()
    fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await subscribed
    expect(fake.frames).toEqual([{ type: 'subscribed', debate: 'sora', seq: 300 }])

    await settle()
    const first = fake.seqs().length
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThanOrEqual(CHUNK)
    // Nothing more until the reader takes what it was sent; its socket stays open.
    await settle()
    expect(fake.seqs()).toHaveLength(first)
    expect(fake.closeCode).toBeNull()

    const steps = await drainAll(live, fake)
    for (const step of steps) expect(step).toBeLessThanOrEqual(CHUNK)
    expect(fake.seqs()).toEqual(range(1, 300))
    expect(fake.closeCode).toBeNull()
    expect(live.app.hub.replays).toEqual({ running: 0, waiting: 0, draining: 0 })
  })

  it('is called off by a new subscribe: what it had not sent yet is never sent', async () => {
    const { live, publish } = await withLog(300)
    const fake = FakeSocket.connect(live)
    fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await settle()
    const sent = fake.seqs().length
    expect(sent).toBeLessThanOrEqual(CHUNK)

    fake.receive({ type: 'subscribe', debate: 'sora', since: 300 })
    await drainAll(live, fake)
    expect(fake.seqs()).toEqual(range(1, sent))
    expect(fake.frames.filter((f) => f.type === 'subscribed')).toEqual([
      { type: 'subscribed', debate: 'sora', seq: 300 },
      { type: 'subscribed', debate: 'sora', seq: 300 },
    ])

    await publish()
    await settle()
    expect(fake.seqs()).toEqual([...range(1, sent), 301])
  })

  it('costs nothing when a burst of subscribes calls off each one before it', async () => {
    const { live } = await withLog(300, {})
    const fake = FakeSocket.connect(live, '192.0.2.1', false)
    for (let i = 0; i < 50; i++) fake.receive({ type: 'subscribe', debate: 'sora', since: i })
    await eventually(() => fake.seqs().length >= 251, 'the last replay')
    await settle()
    expect(fake.seqs()).toEqual(range(50, 300))
  })

  for (const others of [false, true]) {
    it(`delivers what commits while it runs exactly once, after it (${others ? 'with' : 'without'} other readers)`, async () => {
      const { live, publish } = await withLog(100)
      const reader = others ? FakeSocket.connect(live, '198.51.100.7', false) : undefined
      reader?.receive({ type: 'subscribe', debate: 'sora', since: 100 })
      const fake = FakeSocket.connect(live)
      fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
      for (let round = 0; round < 20; round++) {
        await publish(round % 3)
        fake.drain()
        await settle()
      }
      await drainAll(live, fake)
      await publish(2)
      await settle()

      const { seq } = (await live.app.repos.debates.bySlug('sora'))!
      expect(seq).toBe(100 + 19 + 2)
      expect(fake.seqs()).toEqual(range(1, seq))
      if (reader) expect(reader.seqs()).toEqual(range(101, seq))
    })
  }

  it('ends in reset when the log is pruned under it, and live events follow', async () => {
    const { live, append, publish } = await withLog(100, { ...PACED, retention: { maxEvents: 50, maxAgeMs: 7 * 86_400_000 } })
    const fake = FakeSocket.connect(live)
    fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await settle()
    const sent = fake.seqs().length
    await append(100)
    expect(await live.app.hub.prune()).toBe(150)

    await drainAll(live, fake)
    expect(fake.seqs()).toEqual(range(1, sent))
    expect(fake.frames.filter((f) => f.type !== 'presence').at(-1)).toEqual({ type: 'reset', debate: 'sora', seq: 200 })
    await publish()
    await settle()
    expect(fake.seqs()).toEqual([...range(1, sent), 201])
  })

  it('ends in unsubscribed when the debate is deleted under it', async () => {
    const { live } = await withLog(100)
    const fake = FakeSocket.connect(live)
    fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await settle()
    const sent = fake.seqs().length
    await live.app.db.transaction(async (tx) => {
      await tx.delete(debates).where(eq(debates.slug, 'sora'))
    })

    fake.drain()
    await settle()
    expect(fake.seqs()).toEqual(range(1, sent))
    expect(fake.frames.at(-1)).toEqual({ type: 'unsubscribed', debate: 'sora', reason: 'forbidden' })
    expect(live.app.hub.replays).toEqual({ running: 0, waiting: 0, draining: 0 })
  })

  it('that fails on the server’s side closes its socket with 1011, to be resumed, and the others go on', async () => {
    const { live } = await withLog(100)
    const failing = FakeSocket.connect(live)
    const other = FakeSocket.connect(live, '198.51.100.7')
    for (const fake of [failing, other]) fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await settle()
    vi.spyOn(live.app.repos.events, 'since').mockRejectedValueOnce(new Error('SQLITE_IOERR'))
    failing.drain()
    await settle()
    expect(failing.closeCode).toBe(1011)

    await drainAll(live, other)
    expect(other.seqs()).toEqual(range(1, 100))
    expect(live.app.hub.replays).toEqual({ running: 0, waiting: 0, draining: 0 })
  })

  it('runs a few at a time per address; the others wait their turn, other addresses do not', async () => {
    const { live } = await withLog(100, { ...PACED, replaysPerAddress: 2 })
    const hall = [1, 2, 3, 4].map(() => FakeSocket.connect(live, '203.0.113.5', false))
    const elsewhere = FakeSocket.connect(live, '198.51.100.7', false)
    const subscribed = Promise.all([...hall, elsewhere].map((fake) => fake.nextFrame()))
    for (const fake of [...hall, elsewhere]) fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await subscribed
    expect(live.app.hub.replays).toEqual({ running: 3, waiting: 2, draining: 0 })

    const midway = (fake: FakeSocket) => fake.seqs().length > 0 && fake.seqs().length < 100
    let elsewhereMidway = false
    for (let turn = 0; turn < 1000 && pending(live); turn++) {
      await new Promise((resolve) => setImmediate(resolve))
      expect(hall.filter(midway).length).toBeLessThanOrEqual(2)
      elsewhereMidway ||= midway(elsewhere) && hall.filter(midway).length === 2
    }
    // The other address did not wait for the hall.
    expect(elsewhereMidway).toBe(true)
    for (const fake of [...hall, elsewhere]) expect(fake.seqs()).toEqual(range(1, 100))
    expect(live.app.hub.replays).toEqual({ running: 0, waiting: 0, draining: 0 })
  })

  it('gives its turn up while its reader is slow, and a socket that goes away gives it up too', async () => {
    const { live } = await withLog(100, { ...PACED, replaysPerAddress: 1 })
    const [slow, gone, quick] = [
      FakeSocket.connect(live, '203.0.113.5'),
      FakeSocket.connect(live, '203.0.113.5'),
      FakeSocket.connect(live, '203.0.113.5', false),
    ]
    for (const fake of [slow, gone, quick]) fake.receive({ type: 'subscribe', debate: 'sora', since: 0 })
    await settle()
    // The two stalled ones each took a step and wait for their readers; the quick one went on.
    expect(slow.seqs().length).toBeGreaterThan(0)
    expect(gone.seqs().length).toBeGreaterThan(0)
    gone.terminate()
    await eventually(() => quick.seqs().length === 100, 'the quick replay done')
    expect(quick.seqs()).toEqual(range(1, 100))
    expect(slow.seqs().length).toBeLessThanOrEqual(CHUNK)
    expect(live.app.hub.replays).toEqual({ running: 0, waiting: 0, draining: 1 })

    slow.stalled = false
    slow.drain()
    await eventually(() => slow.seqs().length === 100, 'the slow replay done')
    expect(slow.seqs()).toEqual(range(1, 100))
  })
})

describe('sockets per address', () => {
  it('closes with 1008 a socket beyond the cap for its address, and takes one again once another closed', async () => {
    const live = await startLive({ live: { maxSocketsPerAddress: 2 } })
    const first = await LiveClient.open(live)
    await LiveClient.open(live)
    const third = await LiveClient.open(live)
    expect(await third.closed).toEqual({ code: 1008, reason: 'too many sockets from this address' })
    expect(live.app.hub.size).toBe(2)

    first.socket.close()
    await first.closed
    await eventually(() => live.app.hub.size === 1, 'the first socket forgotten')
    const again = await LiveClient.open(live)
    expect((await again.subscribe()).seq).toBe(0)
  })

  it('keeps each socket’s log exact while many resume at once from one address', async () => {
    const { live, publish } = await withLog(400, { replaysPerAddress: 2, replayChunk: 50 })
    const clients = await Promise.all(Array.from({ length: 8 }, () => LiveClient.open(live)))
    for (const client of clients) for (let i = 0; i < 5; i++) client.send({ type: 'subscribe', debate: 'sora', since: 100 + i * 50 })
    for (let i = 0; i < 10; i++) {
      await publish()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(clients.map((c) => c.until(() => c.frames.filter((f) => f.type === 'subscribed').length === 5, 'five subscribed')))
    for (const client of clients) await client.until(() => client.seqs().at(-1) === 410, 'the last event')
    for (const client of clients) {
      const last = client.frames.findLastIndex((f) => f.type === 'subscribed')
      const after = client.frames
        .slice(last + 1)
        .filter((f) => f.type.includes('.'))
        .map((f) => f.seq as number)
      // From the last subscribe on: its replay from 300, then what was published meanwhile, each once.
      expect(after).toEqual(range(301, 410))
    }
  })
})

describe('exactness', () => {
  type Op =
    | { kind: 'publish'; count: number }
    | { kind: 'subscribe'; socket: number; back: number | null }
    | { kind: 'drain'; socket: number }
    | { kind: 'prune' }
    | { kind: 'settle' }

  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('publish' as const), count: fc.integer({ min: 0, max: 12 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), socket: fc.nat(2), back: fc.option(fc.nat(120)) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('drain' as const), socket: fc.nat(2) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('prune' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
  )

  /**
   * From its last `subscribed` on, a socket's seqs run on from `since` (or the subscribed seq)
   * by exactly one each, a `reset` moving them on; and they reach the debate's seq.
   */
  function expectExact(fake: FakeSocket, since: number | undefined, seq: number): void {
    const from = fake.frames.findLastIndex((f) => f.type === 'subscribed')
    let at = since ?? (fake.frames[from]!.seq as number)
    for (const frame of fake.frames.slice(from + 1)) {
      if (frame.type === 'reset') {
        expect(frame.seq).toBeGreaterThanOrEqual(at)
        at = frame.seq
      } else if (typeof frame.seq === 'number' && frame.debate === 'sora') {
        expect(frame.seq, JSON.stringify(fake.frames.slice(from).map((f) => [f.type, f.seq]))).toBe(at + 1)
        at = frame.seq
      }
      expect(frame.type).not.toBe('unsubscribed')
    }
    expect(at).toBe(seq)
  }

  it('holds for every socket whatever resubscribes, writes, prunes and slow reads interleave', async () => {
    const { live, publish } = await withLog(200, {
      replayChunk: 7,
      replayHighWaterBytes: 512,
      replaysPerAddress: 1,
      retention: { maxEvents: 60, maxAgeMs: 7 * 86_400_000 },
    })
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const sockets = [
          FakeSocket.connect(live, '203.0.113.5'),
          FakeSocket.connect(live, '203.0.113.5'),
          FakeSocket.connect(live, '198.51.100.7'),
        ]
        const since: (number | undefined)[] = []
        const subscribe = async (i: number, back: number | null) => {
          const { seq } = (await live.app.repos.debates.bySlug('sora'))!
          since[i] = back === null ? undefined : Math.max(0, seq - back)
          sockets[i]!.receive(
            since[i] === undefined ? { type: 'subscribe', debate: 'sora' } : { type: 'subscribe', debate: 'sora', since: since[i] },
          )
        }
        for (const i of sockets.keys()) await subscribe(i, 100)
        for (const o of ops) {
          if (o.kind === 'publish') await publish(o.count)
          else if (o.kind === 'subscribe') await subscribe(o.socket, o.back)
          else if (o.kind === 'drain') sockets[o.socket]!.drain()
          else if (o.kind === 'prune') await live.app.hub.prune()
          else await settle()
        }
        for (const fake of sockets) fake.stalled = false
        await eventually(() => {
          for (const fake of sockets) fake.drain()
          return !pending(live)
        }, 'every replay done')
        await settle()
        const { seq } = (await live.app.repos.debates.bySlug('sora'))!
        sockets.forEach((fake, i) => expectExact(fake, since[i], seq))
        for (const fake of sockets) fake.terminate()
      }),
      { numRuns: 40, seed: 20_261_203 },
    )
  })
})
