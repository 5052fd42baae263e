/**
 * A slow consumer: one socket that never reads (its TCP socket paused) while the others read
 * a steady stream of comments. The server must cut the slow one off (its unsent frames pass
 * the 1 MiB limit) rather than buffer for it without bound, and the others must get every
 * comment; the server's resident memory is sampled throughout.
 */
import WebSocket from 'ws'
import type { Socket } from 'node:net'
import { check, mib, n, scaled, type Experiment } from './experiment.ts'
import { Follower, snapshot } from './follower.ts'
import { Http, paragraphAnchors } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'

const RATE = 20
const RSS_LIMIT = 300 * 2 ** 20

export const slowConsumer: Experiment = async ({ seed, scale }) => {
  const random = new Random(seed)
  const seconds = scaled(60, scale, 5)
  const total = seconds * RATE
  const server = await ServerProcess.start()
  const http = new Http(server.url, server.origin)
  const followers: Follower[] = []
  let slow: WebSocket | undefined
  try {
    // The comment limit is 20 a minute per user.
    const accounts = await http.register(Math.ceil(total / 15), 'writer')
    const anchors = await paragraphAnchors(http)
    const start = await snapshot(http)
    for (let i = 0; i < 20; i++) followers.push(new Follower(server.wsUrl, server.origin, http, start))
    await Promise.all(followers.map((f) => f.connect()))
    slow = await pausedSocket(server.wsUrl, server.origin)
    let slowClosed = false
    slow.once('close', () => {
      slowClosed = true
    })
    const baseline = server.rss() ?? 0
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rss() ?? 0)
    }, 250)

    // Long bodies, so the unread frames pass the limit within the run.
    const filler = 'x'.repeat(4900)
    const acknowledged: number[] = []
    const failed: string[] = []
    const posts: Promise<void>[] = []
    const began = performance.now()
    for (let i = 0; i < total; i++) {
      const due = began + (i * 1000) / RATE - performance.now()
      if (due > 0) await sleep(due)
      const account = accounts[i % accounts.length]!
      posts.push(
        http
          .send('POST', `/api/debates/sora/paragraphs/${random.pick(anchors)}/comments`, {
            cookie: account.cookie,
            body: { body: `Comment ${i} ${filler}`, stance: 'pro', clientKey: `s${i}` },
          })
          .then((res) => {
            if (res.ok && res.status === 201) acknowledged.push((JSON.parse(res.body) as { comment: { id: number } }).comment.id)
            else if (failed.length < 5) failed.push(res.ok ? `${res.status} ${res.body.slice(0, 200)}` : res.message)
          }),
      )
    }
    await Promise.all(posts)
    await Promise.all(followers.map((f) => f.sync()))
    clearInterval(sampler)
    peak = Math.max(peak, server.rss() ?? 0)

    // Let the slow socket read what reached it: a socket the server cut ends after that.
    ;(slow as unknown as { _socket: Socket })._socket.resume()
    for (let i = 0; i < 100 && !slowClosed; i++) await sleep(50)
    const complete = followers.filter((f) => acknowledged.every((id) => f.announced.get(id) === 1)).length
    const reconnected = followers.filter((f) => f.connections > 1).length
    return {
      name: 'slow consumer',
      figures: {
        seconds,
        'comments posted': acknowledged.length,
        'fast readers': followers.length,
        'RSS at start': mib(baseline),
        'RSS peak': mib(peak),
      },
      checks: [
        check('the socket that never reads is cut off', slowClosed, slowClosed ? 'cut' : 'still open'),
        check(
          'the other readers get 100% of the comments',
          complete === followers.length && acknowledged.length === total && reconnected === 0,
          `${complete} of ${followers.length} complete (${n(acknowledged.length)} of ${n(total)} posted), ${reconnected} reconnected`,
        ),
        check(`server RSS stays under ${mib(RSS_LIMIT)}`, peak < RSS_LIMIT, `peak ${mib(peak)} (start ${mib(baseline)})`),
      ],
      notes: failed,
    }
  } finally {
    slow?.terminate()
    for (const f of followers) f.stop()
    http.close()
    await server.dispose()
  }
}

/** A socket subscribed to the default debate whose TCP socket then stops reading. */
function pausedSocket(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin, perMessageDeflate: false })
    socket.on('error', () => {})
    socket.once('error', reject)
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', debate: 'sora' })))
    socket.once('message', () => {
      ;(socket as unknown as { _socket: Socket })._socket.pause()
      resolve(socket)
    })
  })
}
