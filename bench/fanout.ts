/**
 * Live fan-out: how long a new comment takes to reach every subscribed socket, with 100,
 * 1,000 and 2,000 sockets, beside a bare Fastify + @fastify/websocket server that inserts the
 * same comment and sends one JSON.stringify'd frame to every socket. Target: the app's p99 at
 * 2,000 sockets within 1.5× the baseline's, and not one delivery lost on either side.
 *
 * The sockets live in READER_PROCESSES reader processes (bench/clients/fanout-client.ts); this
 * process posts comments over REST at a fixed rate, open-loop, stamping each post as it
 * leaves. A comment's latency is its last receipt over all sockets minus that stamp; both
 * stamps come from the same machine clock. The servers report their own CPU time and peak
 * memory (bench/servers/fanout-stats.ts).
 */
import { cpus } from 'node:os'
import { join } from 'node:path'
import { checkOpenFiles, drain, now, percentile, READER_PROCESSES, ReaderProcess, sleep, startReaders } from './harness/clients.ts'
import type { ServerHandle } from './harness/servers.ts'
import { LIVE_RATIO, LIVE_SLOWDOWN, type BenchContext, type Figure, type Row } from './harness/types.ts'
import { MARK_PATH, stats, waitForSockets, type FanoutTargets } from './servers/fanout-stats.ts'

type Server = ServerHandle<FanoutTargets>

const SIZES = [100, 1000, 2000]
const POSTS_PER_SECOND = 20
/** Lets the app's presence notices for the newly joined sockets go out before posting starts. */
const SETTLE_MS = 1500
/** How long deliveries may stall after the last post before the missing ones count as lost. */
const DRAIN_STALL_MS = 5000
const TARGET_SIZE = 2000
const CLIENT_SCRIPT = 'fanout-client.ts'

const NEW_COMMENT = {
  body: 'Ein Einwand zum zweiten Absatz: Auch Kuratieren ist eine Form von Kreativität, keine passive.',
  stance: 'contra',
}
let posted = 0

interface Measured {
  sockets: number
  comments: number
  p50: number
  p99: number
  deliveriesPerSecond: number
  lost: number
  cpuPercent: number
  peakRssMiB: number
}

export async function fanoutBenchmark(ctx: BenchContext): Promise<Row[]> {
  checkOpenFiles(Math.max(...SIZES), 'fan-out')
  const app = await ctx.startServer<FanoutTargets>('fanout-app-server.ts', [join(ctx.tmpDir, 'fanout-app.db')])
  const bare = await ctx.startServer<FanoutTargets>('fanout-bare-server.ts', [join(ctx.tmpDir, 'fanout-bare.db')])
  const clients = startReaders(CLIENT_SCRIPT)
  const results: { size: number; app: Measured; bare: Measured }[] = []
  try {
    for (const [i, size] of SIZES.entries()) {
      // Alternating which side goes first keeps drift (a warming disk, a busy neighbour) off one side.
      const order = i % 2 === 0 ? [app, bare] : [bare, app]
      const measured = new Map<Server, Measured>()
      for (const server of order) {
        ctx.log(`fan-out to ${size} sockets: ${server === app ? 'app' : 'baseline'}`)
        measured.set(server, await measure(ctx, server, clients, size))
      }
      results.push({ size, app: measured.get(app)!, bare: measured.get(bare)! })
    }
  } finally {
    for (const client of clients) client.kill()
  }
  await Promise.all([app.stop(), bare.stop()])

  const seconds = ctx.settings.durationSeconds
  const lost = (side: 'app' | 'bare') => results.reduce((sum, r) => sum + r[side].lost, 0)
  const expected = (side: 'app' | 'bare') => results.reduce((sum, r) => sum + r[side].comments * r[side].sockets, 0)
  const rows: Row[] = results.map(({ size, app: a, bare: b }) => ({
    title: `Live fan-out to ${size.toLocaleString('en-US')} sockets (p99)`,
    measured:
      `${size.toLocaleString('en-US')} anonymous sockets subscribed to \`sora\`, held by ${READER_PROCESSES} client processes; ` +
      `${POSTS_PER_SECOND} comments a second posted over REST for ${ctx.settings.warmupSeconds} s of warm-up and ${seconds} s measured. ` +
      'Latency runs from sending the POST to the last socket receiving the comment.',
    better: 'lower',
    app: fanoutFigure(a),
    baseline: fanoutFigure(b),
    ...(size === TARGET_SIZE ? { target: { ratio: LIVE_RATIO } } : {}),
  }))
  rows.push({
    title: 'Live fan-out: deliveries lost',
    measured:
      'Over all three sizes, every comment posted (warm-ups included) counted at every socket: ' +
      `${expected('app').toLocaleString('en-US')} deliveries expected from the app, ` +
      `${expected('bare').toLocaleString('en-US')} from the baseline.`,
    better: 'lower',
    app: { value: lost('app'), unit: 'lost' },
    baseline: { value: lost('bare'), unit: 'lost' },
    target: { limit: 0 },
    notes: [
      'App: POST through the whole comment route (origin, session, validation, participation, the transaction ' +
        'with its event row), then the hub: the per-viewer visibility class of each member (all anonymous here, ' +
        'so one frame), one serialisation, a send with a backpressure check per socket. The sockets came through ' +
        'the origin check and the session hook, and each subscribed; the hub pings them and sends presence.',
      'Baseline: POST does the insert of bench/servers/bare-server.ts, then JSON.stringify of a `comment.created` ' +
        'frame in the same comment shape (without the paragraph counts), encoded to bytes once as the hub does, ' +
        'and `send` to every open socket.',
      `Target: the app's p99 at ${TARGET_SIZE.toLocaleString('en-US')} sockets within ${LIVE_SLOWDOWN}× the ` +
        `baseline's (ratio ≥ ${LIVE_RATIO}), and nothing lost. With ` +
        `${POSTS_PER_SECOND * seconds} measured comments per size, p99 is close to the slowest comment.`,
      `Deliveries due: sockets × ${POSTS_PER_SECOND} a second (40,000 a second at 2,000 sockets). A lower ` +
        'deliveries/s means frames queued somewhere (server, kernel or reader processes) and latency grew ' +
        'with the queue; a low server CPU beside it points at the readers or the rest of the machine.',
      "CPU is the server process's user + system time over the measured posting and the drain after it, as a share " +
        'of one core; peak memory is its largest resident set size, sampled every 50 ms over the same span. ' +
        `The ${READER_PROCESSES} client processes and the poster share the machine's ${cpus().length} cores with the server.`,
    ],
  })
  return rows
}

function fanoutFigure(m: Measured): Figure {
  return {
    value: round(m.p99),
    unit: 'ms',
    detail:
      `p50 ${round(m.p50).toLocaleString('en-US')} ms · ${Math.round(m.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s · ` +
      `server CPU ${Math.round(m.cpuPercent)} % · peak RSS ${Math.round(m.peakRssMiB)} MiB · lost ${m.lost}`,
  }
}

async function measure(ctx: BenchContext, server: Server, clients: ReaderProcess[], size: number): Promise<Measured> {
  const wsUrl = `${server.url.replace(/^http/, 'ws')}${server.info.livePath}`
  const shares = clients.map((_, i) => Math.floor(size / clients.length) + (i < size % clients.length ? 1 : 0))
  await Promise.all(
    clients.map((client, i) =>
      client.ask({ type: 'open', url: wsUrl, count: shares[i]!, origin: server.info.origin, subscribe: server.info.subscribe }, 'opened'),
    ),
  )
  await sleep(SETTLE_MS)
  const held = (await stats(server)).sockets
  if (held !== size) throw new Error(`${server.url} holds ${held} sockets, expected ${size}`)
  // Drop anything that arrived before posting (nothing should have).
  await Promise.all(clients.map((client) => client.ask({ type: 'report' }, 'report')))

  const sent = new Map<number, number>()
  const warmupEnd = ctx.settings.warmupSeconds * POSTS_PER_SECOND
  const total = warmupEnd + ctx.settings.durationSeconds * POSTS_PER_SECOND
  const measuredIds = new Set<number>()
  const posts: Promise<void>[] = []
  let failed: unknown = null
  // Posts are awaited only after the last one is sent; a failure must not go unhandled till then.
  const settle = (p: Promise<unknown>) =>
    posts.push(
      p.then(
        () => undefined,
        (err: unknown) => {
          failed ??= err
        },
      ),
    )
  const start = now()
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / POSTS_PER_SECOND
    await sleep(due - now())
    if (failed) break
    if (i === warmupEnd) settle(get(server, MARK_PATH))
    settle(
      post(server).then(({ id, at }) => {
        sent.set(id, at)
        if (i >= warmupEnd) measuredIds.add(id)
      }),
    )
  }
  await Promise.all(posts)
  if (failed) throw failed

  const expected = sent.size * size
  await drain(clients, expected, DRAIN_STALL_MS)
  const serverStats = await stats(server)
  const reports = await Promise.all(clients.map((client) => client.ask({ type: 'report' }, 'report')))
  await Promise.all(clients.map((client) => client.ask({ type: 'close' }, 'closed')))
  await waitForSockets(server, 0)

  const last = new Map<number, number>()
  let received = 0
  for (const report of reports) {
    if (report.closedEarly > 0) ctx.log(`${report.closedEarly} sockets closed early`)
    for (const [key, count, at] of report.keys) {
      const id = Number(key)
      if (!sent.has(id)) continue
      received += count
      last.set(id, Math.max(last.get(id) ?? 0, at))
    }
  }
  const latencies: number[] = []
  let lastReceipt = 0
  let firstSend = Infinity
  for (const id of measuredIds) {
    const at = last.get(id)
    const sentAt = sent.get(id)!
    firstSend = Math.min(firstSend, sentAt)
    if (at === undefined) continue
    latencies.push(at - sentAt)
    lastReceipt = Math.max(lastReceipt, at)
  }
  const measuredDeliveries = reports
    .flatMap((r) => r.keys)
    .filter(([id]) => measuredIds.has(Number(id)))
    .reduce((sum, [, count]) => sum + count, 0)
  latencies.sort((a, b) => a - b)
  const cpu = serverStats.userMicros + serverStats.systemMicros
  return {
    sockets: size,
    comments: sent.size,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    deliveriesPerSecond: measuredDeliveries / ((lastReceipt - firstSend) / 1000),
    lost: expected - received,
    cpuPercent: (100 * cpu) / serverStats.wallMicros,
    peakRssMiB: serverStats.peakRssBytes / 2 ** 20,
  }
}

/** Sends one comment and resolves with its id and when the request left. */
async function post(server: Server): Promise<{ id: number; at: number }> {
  const body = JSON.stringify({ ...NEW_COMMENT, clientKey: `fanout-${++posted}` })
  const at = now()
  const res = await fetch(`${server.url}${server.info.writePath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.info.writeHeaders },
    body,
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`POST ${server.info.writePath} answered ${res.status}: ${text.slice(0, 200)}`)
  const json = JSON.parse(text) as { id?: number; comment?: { id: number } }
  const id = json.comment?.id ?? json.id
  if (typeof id !== 'number') throw new Error(`POST ${server.info.writePath} answered without an id: ${text.slice(0, 200)}`)
  return { id, at }
}

async function get(server: Server, path: string): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`)
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`)
  return res.json()
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
