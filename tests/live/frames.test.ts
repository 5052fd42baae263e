import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { paragraphs, signUp, write } from '../helper.ts'
import { eventually, LiveClient, startLive, type Frame } from './support.ts'

/** Error replies name the problem in a line, whatever the frame held. */
const MAX_ERROR_CHARS = 240

const errors = (client: LiveClient): Frame[] => client.frames.filter((f) => f.type === 'error')

afterEach(() => {
  vi.restoreAllMocks()
})

describe('frames that once could end the server', () => {
  it('answers a type nested 6,000 deep with an error, and the server runs on', async () => {
    const live = await startLive()
    const probe = await LiveClient.open(live, { origin: '' })
    probe.send(`{"type":${'['.repeat(6000)}${']'.repeat(6000)}}`)
    const error = await probe.waitFor((f) => f.type === 'error')
    expect(error.message).toBe('A frame\'s "type" must be a string, one of subscribe, unsubscribe, focus, typing, ping')

    await probe.sync()
    const fresh = await LiveClient.open(live)
    expect((await fresh.subscribe()).seq).toBe(0)
  })

  it('answers a frame whose handling fails on the server’s side, without the cause, and runs on', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    vi.spyOn(live.app.repos.debates, 'bySlug').mockRejectedValueOnce(new Error('SQLITE_IOERR: disk I/O error at /var/lib/marginalia'))
    client.send({ type: 'subscribe', debate: 'sora' })
    expect(await client.waitFor((f) => f.type === 'error')).toEqual({ type: 'error', message: 'Something went wrong on our side' })
    expect((await client.subscribe()).seq).toBe(0)
  })

  it('never sends the offending value back', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    const long = 'x'.repeat(60_000)
    client.send({ type: long })
    client.send({ type: 'subscribe', debate: long })
    client.send({ type: 'ping', [long]: 1 })
    client.send({ type: 'focus', debate: 'sora', anchor: { [long.slice(0, 30_000)]: [[[[long.slice(0, 30_000)]]]] } })
    client.send(`{"type":"subscribe","debate":"sora","since":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)
    await client.until(() => errors(client).length === 5, 'five errors')
    for (const { message } of errors(client)) {
      expect(message.length).toBeLessThanOrEqual(MAX_ERROR_CHARS)
      expect(message).not.toContain('xxxxxxxx')
    }
    expect(errors(client).map((f) => f.message)).toEqual([
      expect.stringMatching(/^Unknown message type; expected one of/),
      expect.stringContaining('/debate must not have more than 64 characters'),
      'Invalid ping message: unknown property',
      expect.stringMatching(/^Invalid focus message: \/anchor/),
      'Invalid subscribe message: /since must be integer',
    ])
  })
})

describe('frame fuzz', () => {
  it('closes with 1007 a socket that sends text which is not UTF-8', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    client.socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false })
    expect((await client.closed).code).toBe(1007)
    await eventually(() => live.app.hub.size === 0, 'the socket forgotten')
  })

  it('refuses binary, non-JSON, off-schema, deeply nested and __proto__ frames as bad ones', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    const bad = [
      () => client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true }),
      () => client.send('{"type":"ping"'),
      () => client.send('[]'),
      () => client.send({ type: 'subscribe', debate: 'Not A Slug' }),
      () => client.send(`{"type":"ping","deep":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`),
      () => client.send('{"type":"ping","__proto__":{"polluted":true}}'),
      () => client.send('{"type":"__proto__"}'),
      () => client.send('{"type":"subscribe","debate":"sora","__proto__":{"since":3}}'),
      () => client.send('{"type":"constructor"}'),
    ]
    for (const send of bad) send()
    await client.until(() => errors(client).length === bad.length, `${bad.length} errors`)
    expect(errors(client).map((f) => f.message)).toEqual([
      'Frames must be JSON text, not binary',
      'The frame is not valid JSON',
      'A frame must be a JSON object with a "type"',
      expect.stringMatching(/^Invalid subscribe message: \/debate/),
      'Invalid ping message: unknown property "deep"',
      'Invalid ping message: unknown property "__proto__"',
      expect.stringMatching(/^Unknown message type "__proto__"/),
      'Invalid subscribe message: unknown property "__proto__"',
      expect.stringMatching(/^Unknown message type "constructor"/),
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(client.frames.some((f) => f.type === 'subscribed')).toBe(false)

    // The tenth bad frame within the minute closes the socket.
    client.send('{')
    expect(await client.closed).toEqual({ code: 1008, reason: 'too many bad frames' })
  })

  it('answers any frame with one reply or a close, in a line, and stays up', async () => {
    const live = await startLive({
      live: { messages: { limit: 100_000, windowMs: 60_000 }, badFrames: { limit: 100_000, windowMs: 60_000 } },
    })
    const frame = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            type: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'focus', 'typing', 'ping', '__proto__'), fc.string()),
            debate: fc.oneof(fc.constant('sora'), fc.string()),
            since: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
            anchor: fc.oneof(fc.constant(null), fc.string()),
            stance: fc.constantFrom('pro', 'contra', 'neutral', 'maybe'),
          },
          { requiredKeys: ['type'] },
        )
        .chain((message) =>
          fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 2 }).map((extra) => ({ ...extra, ...message })),
        )
        .map((v) => JSON.stringify(v)),
    )
    const client = await LiveClient.open(live)
    const sent = fc.sample(frame, { numRuns: 300, seed: 20_261_203 })
    for (const text of sent) client.send(text)
    await client.sync()
    expect(client.socket.readyState).toBe(client.socket.OPEN)
    for (const { message } of errors(client)) expect(message.length, message).toBeLessThanOrEqual(MAX_ERROR_CHARS)
    // Every frame was answered or taken (subscribe, focus and unsubscribe may answer nothing or more).
    expect(errors(client).length).toBeGreaterThan(200)
    const fresh = await LiveClient.open(live)
    expect((await fresh.subscribe()).seq).toBe(0)
  })

  it('does not let a flood of 5,000 messages from one socket hold up another', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const reader = await LiveClient.open(live)
    await reader.subscribe()
    const flooder = await LiveClient.open(live)
    const heapBefore = process.memoryUsage().heapUsed

    for (let i = 0; i < 5000; i++) flooder.send(i % 2 ? { type: 'ping' } : { type: 'subscribe', debate: 'sora', since: 0 })
    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, {
      body: 'mitten in der Flut',
      stance: 'pro',
    })

    expect(await reader.waitFor((f) => f.type === 'comment.created')).toMatchObject({ seq: 1 })
    expect(await flooder.closed).toEqual({ code: 1008, reason: 'too many bad frames' })
    // 60 messages within the window are served, then ten refused: the rest is never read.
    expect(flooder.frames.filter((f) => f.type === 'pong')).toHaveLength(30)
    expect(errors(flooder)).toHaveLength(10)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024)
    await reader.sync()
  })
})
