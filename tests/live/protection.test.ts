import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { EventsRepository } from '../../server/repositories/events.ts'
import { paragraphs, signUp, write } from '../helper.ts'
import { eventually, LiveClient, range, startLive } from './support.ts'

describe('the upgrade', () => {
  it('refuses a foreign Origin with 403 before the handshake', async () => {
    const live = await startLive()
    const socket = new WebSocket(live.url, { origin: 'https://evil.example' })
    let opened = false
    socket.on('open', () => {
      opened = true
    })
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      socket.once('unexpected-response', (_req, response) => resolve(response))
      socket.once('error', reject)
    })
    expect(res.statusCode).toBe(403)
    res.resume()
    socket.terminate()
    expect(opened).toBe(false)
    expect(live.app.hub.size).toBe(0)
  })

  it('accepts the app’s own origin, by name and by loopback address', async () => {
    const live = await startLive()
    await LiveClient.open(live, { origin: 'http://localhost:3000' })
    await LiveClient.open(live, { origin: 'http://127.0.0.1:3000' })
    await eventually(() => live.app.hub.size === 2, 'two sockets open')
  })

  it('refuses a malformed client id before the handshake', async () => {
    const live = await startLive()
    await expect(LiveClient.open(live, { clientId: 'no%20spaces%20please' })).rejects.toThrow(/400/)
  })
})

describe('bad frames', () => {
  it('answers a bad frame with an error naming what was wrong, and keeps the socket', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    client.send('not json')
    client.send({ type: 'subscribe' })
    client.send({ type: 'shout', debate: 'sora' })
    client.send({ type: 'subscribe', debate: 'sora', since: -1 })
    client.send({ type: 'focus', debate: 'sora', anchor: null, extra: true })
    await client.until(() => client.frames.filter((f) => f.type === 'error').length === 5, 'five errors')
    expect(client.frames.map((f) => f.message)).toEqual([
      'The frame is not valid JSON',
      expect.stringContaining('/debate is required'),
      expect.stringContaining('Unknown message type "shout"'),
      expect.stringMatching(/Invalid subscribe message: \/since/),
      expect.stringContaining('unknown property "extra"'),
    ])
    expect((await client.subscribe()).seq).toBe(0)
  })

  it('closes with 1008 a socket that keeps sending bad frames', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    for (let i = 0; i < 10; i++) client.send('{')
    expect(await client.closed).toEqual({ code: 1008, reason: 'too many bad frames' })
    expect(client.frames.filter((f) => f.type === 'error')).toHaveLength(10)
  })

  it('limits how many messages a socket may send', async () => {
    const live = await startLive({ live: { messages: { limit: 20, windowMs: 60_000 } } })
    const client = await LiveClient.open(live)
    for (let i = 0; i < 40; i++) client.send({ type: 'ping' })
    expect((await client.closed).code).toBe(1008)
    expect(client.frames.filter((f) => f.type === 'pong')).toHaveLength(20)
    expect(client.frames.find((f) => f.type === 'error')?.message).toBe('Too many messages: at most 20 per 60 s')
  })

  it('closes only the socket that sends an oversize frame (1009); the server runs on', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const big = await LiveClient.open(live)
    const other = await LiveClient.open(live)
    await big.subscribe()
    await other.subscribe()

    big.send(JSON.stringify({ type: 'ping', padding: 'x'.repeat(64 * 1024) }))
    expect((await big.closed).code).toBe(1009)

    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, { body: 'weiter', stance: 'pro' })
    expect(await other.waitFor((f) => f.type === 'comment.created')).toMatchObject({ seq: 1 })
    const fresh = await LiveClient.open(live)
    expect((await fresh.subscribe()).seq).toBe(1)
  })
})

describe('slow and silent peers', () => {
  it('cuts off a reader that stopped reading, while the others receive everything', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const debate = (await live.app.repos.debates.bySlug('sora'))!
    const stalled = await LiveClient.open(live)
    const healthy = [await LiveClient.open(live), await LiveClient.open(live)]
    for (const client of [stalled, ...healthy]) await client.subscribe()
    // The peer stops reading: the kernel's buffers fill, then the server's.
    ;(stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause()

    const author = await signUp(live.app)
    const posted = await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, author.cookie, {
      body: 'Ein Argument',
      stance: 'pro',
    })
    const comment = { ...posted.json().comment, body: 'Ein langes Argument. '.repeat(1500) }
    const counts = { comments: 1, pro: 1, contra: 0, neutral: 0 }
    let seq = 1
    // The comment is edited over and over, with a long body. Batches stay well under the
    // 1 MiB limit, and the healthy readers drain between them.
    for (let batch = 0; batch < 400 && live.app.hub.size === 3; batch++) {
      const events = await live.app.db.transaction(async (tx) => {
        const appended = []
        for (let i = 0; i < 16; i++) {
          appended.push(await EventsRepository.append(tx, debate, 'comment.updated', { anchor: anchor!, comment, counts }))
        }
        return appended
      })
      for (const event of events) {
        seq = event.seq
        live.app.hub.publish([event])
      }
      for (const client of healthy) await client.until(() => client.events().length === seq, `${seq} events`)
    }

    expect(live.app.hub.size).toBe(2)
    for (const client of healthy) {
      await client.sync()
      expect(client.seqs()).toEqual(range(1, seq))
    }
    ;(stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume()
    expect((await stalled.closed).code).toBe(1006)
    // What it did receive is a prefix of the log, so it can resume from its last seq.
    expect(stalled.seqs()).toEqual(range(1, stalled.seqs().length))
    expect(stalled.seqs().length).toBeLessThan(seq)
  })

  it('pings, and terminates a peer that does not answer', async () => {
    // The test runs the heartbeat's rounds itself, each once the answers to the previous one
    // have arrived, so the machine's speed cannot make an answering peer look silent.
    const live = await startLive({ live: { pingIntervalMs: 3_600_000 } })
    let pongs = 0
    live.app.websocketServer.on('connection', (socket: WebSocket) => socket.on('pong', () => pongs++))
    const silent = await LiveClient.open(live, { ws: { autoPong: false } })
    const answering = await LiveClient.open(live)
    let pings = 0
    answering.socket.on('ping', () => pings++)
    await eventually(() => live.app.hub.size === 2, 'two sockets open')

    live.app.hub.heartbeat()
    await eventually(() => pongs === 1, 'the answer to the first ping')
    live.app.hub.heartbeat()
    expect((await silent.closed).code).toBe(1006)
    await eventually(() => pongs === 2, 'the answer to the second ping')
    live.app.hub.heartbeat()
    await eventually(() => pings >= 3, 'three pings')
    expect(answering.socket.readyState).toBe(WebSocket.OPEN)
    expect(live.app.hub.size).toBe(1)
  })

  it('closes every socket with 1001 on shutdown', async () => {
    const live = await startLive()
    const clients = [await LiveClient.open(live), await LiveClient.open(live)]
    await clients[0]!.subscribe()
    await live.app.close()
    for (const client of clients) expect((await client.closed).code).toBe(1001)
  })
})
