/**
 * WebSocket frame fuzz: sockets send frames the protocol refuses — oversize, invalid UTF-8,
 * binary, not JSON, off the schema, nested thousands deep, `__proto__` games — and one floods.
 * Meanwhile a subscribed reader must keep receiving every comment a writer posts and /health
 * must keep answering: bad input closes the offending socket (1009, 1007, 1008), never the
 * process. The server's resident memory is read before and after.
 */
import WebSocket from 'ws'
import { check, mib, n, scaled, type Experiment } from './experiment.ts'
import { Follower, snapshot } from './follower.ts'
import { Http, paragraphAnchors } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'

/** Bad frames a socket may send before it is closed with 1008 (docs/live-protocol.md). */
const BAD_FRAMES_PER_SOCKET = 10
const IN_FLIGHT = 10
const RSS_GROWTH_LIMIT = 32 * 2 ** 20
const HEALTH_TIMEOUT_MS = 5000

type Payload = string | Buffer
interface Kind {
  name: string
  /** The close code the socket must get. */
  expect: number
  /** Frames per socket. */
  perSocket: number
  frame(random: Random): Payload
  binary?: boolean
}

// Nested where the type is read, and inside messages of a known type, where the schema is checked.
const deep = [
  `{"type":${'['.repeat(6000)}${']'.repeat(6000)}}`,
  `{"type":"subscribe","debate":"sora","since":${'['.repeat(6000)}${']'.repeat(6000)}}`,
  `{"type":"focus","debate":"sora","anchor":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}}`,
  `{"type":"ping","extra":${'['.repeat(6000)}${']'.repeat(6000)}}`,
]
const offSchema = [
  '{"type":"subscribe","debate":123}',
  '{"type":"subscribe"}',
  '{"type":"unknown"}',
  '{"type":"subscribe","debate":"sora","since":-1}',
  '{"type":"subscribe","debate":"sora","since":1.5}',
  '{"type":"focus","debate":"sora","anchor":5}',
  '{"type":"typing","debate":"sora","anchor":"p-1","stance":"loud"}',
  '{"type":"ping","extra":true}',
  '[]',
  '42',
  '"ping"',
  'null',
  '{"type":null}',
  `{"type":"subscribe","debate":"${'x'.repeat(5000)}"}`,
]
const proto = [
  '{"type":"subscribe","debate":"sora","__proto__":{"since":1}}',
  '{"__proto__":{"type":"ping"}}',
  '{"type":"ping","__proto__":{"isAdmin":true}}',
  '{"type":"__proto__"}',
  '{"type":"constructor"}',
  '{"type":"toString"}',
  '{"type":"ping","constructor":{"prototype":{"polluted":true}}}',
  '{"type":"hasOwnProperty"}',
]

const KINDS: Kind[] = [
  { name: 'oversize (>64 KiB)', expect: 1009, perSocket: 1, frame: () => `{"type":"ping","pad":"${'x'.repeat(70_000)}"}` },
  {
    name: 'invalid UTF-8',
    expect: 1007,
    perSocket: 1,
    frame: (r) => Buffer.from([0x7b, 0x22, r.pick([0xff, 0xc3, 0xed, 0xf8]), 0xfe, 0x22, 0x7d]),
  },
  { name: 'binary', expect: 1008, perSocket: BAD_FRAMES_PER_SOCKET, binary: true, frame: () => Buffer.from('{"type":"ping"}') },
  {
    name: 'not JSON',
    expect: 1008,
    perSocket: BAD_FRAMES_PER_SOCKET,
    frame: (r) => r.pick(['{', 'ping', '{"type":"ping"', "{'type':'ping'}", '\u0000', '{"type":"ping"}}', '']),
  },
  { name: 'off-schema', expect: 1008, perSocket: BAD_FRAMES_PER_SOCKET, frame: (r) => r.pick(offSchema) },
  { name: 'nested 6000 deep', expect: 1008, perSocket: BAD_FRAMES_PER_SOCKET, frame: (r) => r.pick(deep) },
  { name: '__proto__ keys', expect: 1008, perSocket: BAD_FRAMES_PER_SOCKET, frame: (r) => r.pick(proto) },
]

export const frameFuzz: Experiment = async ({ seed, scale }) => {
  const random = new Random(seed)
  const framesPerKind = scaled(1000, scale, 10)
  const flood = scaled(5000, scale, 100)
  const server = await ServerProcess.start()
  const http = new Http(server.url, server.origin)
  let watcher: Follower | undefined
  let stop = false
  const notes: string[] = []
  try {
    const accounts = await http.register(15, 'writer')
    const anchors = await paragraphAnchors(http)
    watcher = new Follower(server.wsUrl, server.origin, http, await snapshot(http))
    await watcher.connect()

    // A writer posting throughout, whose comments the watcher must all receive.
    const acknowledged: number[] = []
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await http.send('POST', `/api/debates/sora/paragraphs/${random.pick(anchors)}/comments`, {
          cookie: accounts[i % accounts.length]!.cookie,
          body: { body: `During the fuzz ${i}`, stance: 'neutral', clientKey: `f${i}` },
        })
        if (res.ok && (res.status === 201 || res.status === 200))
          acknowledged.push((JSON.parse(res.body) as { comment: { id: number } }).comment.id)
        await sleep(300)
      }
    })()
    let probes = 0
    let unanswered = 0
    const prober = (async () => {
      while (!stop) {
        probes++
        if (!(await server.healthy(HEALTH_TIMEOUT_MS))) unanswered++
        await sleep(500)
      }
    })()

    await sleep(500)
    const rssBefore = server.rss()
    const outcomes = new Map<string, { sockets: number; frames: number; expected: number; codes: Map<number, number> }>()
    const record = (kind: string, expected: number, frames: number, code: number) => {
      const o = outcomes.get(kind) ?? { sockets: 0, frames: 0, expected: 0, codes: new Map() }
      o.sockets++
      o.frames += frames
      if (code === expected) o.expected++
      o.codes.set(code, (o.codes.get(code) ?? 0) + 1)
      outcomes.set(kind, o)
      if (code !== expected && notes.length < 10) notes.push(`${kind}: closed with ${code}, expected ${expected}`)
    }
    const revive = async () => {
      if (!server.running) {
        notes.push(`the server died: ${server.crashes.at(-1)?.output.slice(-600) ?? ''}`)
        await server.boot()
      }
    }

    // Two rounds, each with half the frames: the first grows the heap to what the work needs,
    // the second shows whether it keeps growing (a leak) or stays.
    let rssMiddle: number | undefined
    for (let round = 1; round <= 2; round++) {
      for (const kind of KINDS) {
        const sockets = Math.ceil(framesPerKind / 2 / kind.perSocket)
        let next = 0
        const worker = async () => {
          while (next < sockets) {
            next++
            const frames = Array.from({ length: kind.perSocket }, () => kind.frame(random))
            const code = await fuzzSocket(server.wsUrl, server.origin, frames, kind.binary ?? false)
            record(kind.name, kind.expect, frames.length, code)
            if (code === 1006 || code === -1) await revive()
          }
        }
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
        await revive()
        process.stderr.write(`  ${kind.name}: ${JSON.stringify(Object.fromEntries(outcomes.get(kind.name)!.codes))}\n`)
      }
      if (round === 1) {
        await sleep(1000)
        rssMiddle = server.rss()
      }
    }
    record(
      'flood',
      1008,
      flood,
      await fuzzSocket(
        server.wsUrl,
        server.origin,
        Array.from({ length: flood }, () => '{"type":"ping"}'),
        false,
      ),
    )
    await revive()

    // Settle: the last comments reach the watcher, the sockets' memory is given back.
    await sleep(2000)
    stop = true
    await Promise.all([writer, prober])
    await watcher.sync()
    const rssAfter = server.rss()
    const unseen = acknowledged.filter((id) => watcher!.announced.get(id) !== 1)
    const outcome = (name: string) => outcomes.get(name) ?? { sockets: 0, frames: 0, expected: 0, codes: new Map<number, number>() }
    const policy = ['binary', 'not JSON', 'off-schema', 'nested 6000 deep', '__proto__ keys', 'flood'].map(outcome)
    const policyOk = policy.reduce((s, o) => s + o.expected, 0)
    const policyAll = policy.reduce((s, o) => s + o.sockets, 0)
    const figures: Record<string, string | number> = {}
    for (const [kind, o] of outcomes)
      figures[kind] = `${n(o.frames)} frames on ${n(o.sockets)} sockets, closed ${[...o.codes].map(([c, k]) => `${c}×${k}`).join(' ')}`
    figures['RSS before'] = mib(rssBefore)
    figures['RSS after the first half'] = mib(rssMiddle)
    figures['RSS after'] = mib(rssAfter)
    figures['health probes'] = probes
    figures['comments during the fuzz'] = acknowledged.length
    const growth = (rssAfter ?? Infinity) - (rssMiddle ?? 0)
    return {
      name: 'WebSocket frame fuzz',
      figures,
      checks: [
        check('the process never crashed', server.crashes.length === 0, `${server.crashes.length} crashes`),
        check(
          '/health answered throughout',
          unanswered === 0,
          `${unanswered} of ${probes} probes unanswered within ${HEALTH_TIMEOUT_MS / 1000} s`,
        ),
        check(
          'a subscribed reader kept receiving every event',
          unseen.length === 0 && watcher.connections === 1,
          `${n(acknowledged.length - unseen.length)} of ${n(acknowledged.length)} comments, ${watcher.connections - 1} reconnects`,
        ),
        check(
          'oversize frames close with 1009',
          outcome(KINDS[0]!.name).expected === outcome(KINDS[0]!.name).sockets,
          `${outcome(KINDS[0]!.name).expected} of ${outcome(KINDS[0]!.name).sockets}`,
        ),
        check(
          'invalid UTF-8 closes with 1007',
          outcome(KINDS[1]!.name).expected === outcome(KINDS[1]!.name).sockets,
          `${outcome(KINDS[1]!.name).expected} of ${outcome(KINDS[1]!.name).sockets}`,
        ),
        check('too many bad frames close with 1008', policyOk === policyAll, `${policyOk} of ${policyAll}`),
        check(
          `RSS stable: the second half of the fuzz grows it by less than ${mib(RSS_GROWTH_LIMIT)}`,
          growth < RSS_GROWTH_LIMIT,
          `${mib(rssBefore)} → ${mib(rssMiddle)} → ${mib(rssAfter)}`,
        ),
      ],
      notes,
    }
  } finally {
    stop = true
    watcher?.stop()
    http.close()
    await server.dispose()
  }
}

/** Opens a socket, sends the frames, and resolves with its close code (-1: could not connect). */
function fuzzSocket(url: string, origin: string, frames: Payload[], binary: boolean): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin, perMessageDeflate: false })
    const timer = setTimeout(() => {
      socket.terminate()
      resolve(-2)
    }, 15_000)
    socket.on('error', () => {})
    socket.once('open', () => {
      for (const frame of frames) {
        if (socket.readyState !== WebSocket.OPEN) break
        socket.send(frame, { binary })
      }
    })
    socket.once('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    socket.once('unexpected-response', () => {
      clearTimeout(timer)
      socket.terminate()
      resolve(-1)
    })
  })
}
