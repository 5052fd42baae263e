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
 *
 * When `MARGINALIA_TEST_POSTGRES` names a server, the app's fan-out to 2,000 sockets is measured
 * on Postgres too, with the same readers and posts: in one app process, and with the sockets
 * split evenly over two app processes on one database, the posts going to the first and the
 * second learning of each commit through the bus (server/live/bus.ts). Both stand beside the
 * app's single-process figure on SQLite from the same run; target: two processes' p99 within 2×
 * that, and not one delivery lost.
 */
import { cpus } from 'node:os'
import { join } from 'node:path'
import { checkOpenFiles, drain, now, percentile, READER_PROCESSES, ReaderProcess, sleep, startReaders } from './harness/clients.ts'
import { describePostgres, POSTGRES_SKIPPED, PostgresDatabases, postgresServer } from './harness/postgres.ts'
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
/** Two app processes on Postgres: their p99 within this many times one process's on SQLite. */
const CLUSTER_SLOWDOWN = 2
const CLUSTER_RATIO = 1 / CLUSTER_SLOWDOWN
const POSTGRES_TITLES = {
  one: `Live fan-out to ${TARGET_SIZE.toLocaleString('en-US')} sockets, Postgres, one app process (p99)`,
  two: `Live fan-out to ${TARGET_SIZE.toLocaleString('en-US')} sockets, Postgres, two app processes (p99)`,
  lost: 'Live fan-out on Postgres: deliveries lost',
}

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
  /** How long the measured POSTs took to answer: the write path, queueing included. */
  postP50: number
  postP99: number
  lost: number
  /** Per server process. */
  cpuPercent: number[]
  peakRssMiB: number[]
}

/** The app on Postgres, and what the run knows of the server. */
interface OnPostgres {
  one: Measured
  two: Measured
  server: string
}

export async function fanoutBenchmark(ctx: BenchContext): Promise<Row[]> {
  checkOpenFiles(Math.max(...SIZES), 'fan-out')
  const app = await ctx.startServer<FanoutTargets>('fanout-app-server.ts', [join(ctx.tmpDir, 'fanout-app.db')])
  const bare = await ctx.startServer<FanoutTargets>('fanout-bare-server.ts', [join(ctx.tmpDir, 'fanout-bare.db')])
  const clients = startReaders(CLIENT_SCRIPT)
  const results: { size: number; app: Measured; bare: Measured }[] = []
  const serverUrl = postgresServer()
  let onPostgres: OnPostgres | null = null
  try {
    for (const [i, size] of SIZES.entries()) {
      // Alternating which side goes first keeps drift (a warming disk, a busy neighbour) off one side.
      const order = i % 2 === 0 ? [app, bare] : [bare, app]
      const measured = new Map<Server, Measured>()
      for (const server of order) {
        ctx.log(`fan-out to ${size} sockets: ${server === app ? 'app' : 'baseline'}`)
        measured.set(server, await measure(ctx, [server], clients, size))
      }
      results.push({ size, app: measured.get(app)!, bare: measured.get(bare)! })
    }
    await Promise.all([app.stop(), bare.stop()])
    if (serverUrl) onPostgres = await measureOnPostgres(ctx, serverUrl, clients)
  } finally {
    for (const client of clients) client.kill()
  }

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
      'POST answered: how long the poster waited for the 201 of a measured comment, from the same stamp; a latency ' +
        'close to it is spent before the reply (the route, the transaction, waiting for the event loop), one far above it in the fan-out.',
      "CPU is the server process's user + system time over the measured posting and the drain after it, as a share " +
        'of one core; peak memory is its largest resident set size, sampled every 50 ms over the same span. ' +
        `The ${READER_PROCESSES} client processes and the poster share the machine's ${cpus().length} cores with the server.`,
    ],
  })
  const sqlite = results.find((r) => r.size === TARGET_SIZE)!.app
  if (onPostgres) rows.push(...postgresRows(ctx, sqlite, onPostgres))
  else for (const title of Object.values(POSTGRES_TITLES)) ctx.skip(title, POSTGRES_SKIPPED)
  return rows
}

/**
 * The app's fan-out to TARGET_SIZE sockets on Postgres: one process on a fresh database, then
 * two processes on another, the second joining the fixture the first built.
 */
async function measureOnPostgres(ctx: BenchContext, serverUrl: string, clients: ReaderProcess[]): Promise<OnPostgres> {
  const databases = new PostgresDatabases(serverUrl)
  const started: Server[] = []
  const start = async (args: string[]) => {
    const server = await ctx.startServer<FanoutTargets>('fanout-app-server.ts', args)
    started.push(server)
    return server
  }
  try {
    const alone = await databases.fresh()
    const server = await describePostgres(alone)
    const single = await start([alone.url])
    ctx.log(`fan-out to ${TARGET_SIZE} sockets: app on Postgres, one process`)
    const one = await measure(ctx, [single], clients, TARGET_SIZE)
    await single.stop()

    const shared = await databases.fresh()
    const first = await start([shared.url])
    const second = await start([shared.url, '--join'])
    ctx.log(`fan-out to ${TARGET_SIZE} sockets: app on Postgres, two processes`)
    const two = await measure(ctx, [first, second], clients, TARGET_SIZE)
    return { one, two, server }
  } finally {
    await Promise.all(started.map((server) => server.stop()))
    await databases.dropAll()
  }
}

function postgresRows(ctx: BenchContext, sqlite: Measured, pg: OnPostgres): Row[] {
  const size = TARGET_SIZE.toLocaleString('en-US')
  const seconds = ctx.settings.durationSeconds
  const measured = (processes: string) =>
    `${size} anonymous sockets subscribed to \`sora\`, held by ${READER_PROCESSES} client processes, ${processes}; ` +
    `${POSTS_PER_SECOND} comments a second posted over REST for ${ctx.settings.warmupSeconds} s of warm-up and ${seconds} s measured. ` +
    'Latency runs from sending the POST to the last socket receiving the comment.'
  const baselineName = 'the app on SQLite, one process, from the 2,000-socket row above'
  const notes = [
    `Each configuration has a fresh database of its own on ${pg.server}, seeded by the same fixture as the SQLite ` +
      "app's; it runs on the same cores as the app, the poster and the readers.",
    "One process: the app as on SQLite, its writes taking the debate's advisory lock; it also tells the bus " +
      '(NOTIFY) of every commit, though no other process listens.',
    'Two processes: the first takes every post and sends its own sockets the event it holds; the second learns ' +
      'of the commit from the bus (LISTEN), reads the event from the log, and sends it to its sockets. ' +
      'CPU and peak RSS are given per process, the first one first.',
    `Target: two processes' p99 within ${CLUSTER_SLOWDOWN}× the single-process SQLite p99 (ratio ≥ ${CLUSTER_RATIO}), ` +
      'and nothing lost.',
  ]
  return [
    {
      title: POSTGRES_TITLES.one,
      measured: measured('all on one app process'),
      better: 'lower',
      app: fanoutFigure(pg.one),
      baseline: fanoutFigure(sqlite),
      baselineName,
    },
    {
      title: POSTGRES_TITLES.two,
      measured: measured(`${(TARGET_SIZE / 2).toLocaleString('en-US')} on each of two app processes sharing one database`),
      better: 'lower',
      app: fanoutFigure(pg.two),
      baseline: fanoutFigure(sqlite),
      baselineName,
      target: { ratio: CLUSTER_RATIO },
      notes,
    },
    {
      title: POSTGRES_TITLES.lost,
      measured:
        `Every comment posted to the two app processes (warm-up included) counted at every one of the ${size} sockets: ` +
        `${(pg.two.comments * pg.two.sockets).toLocaleString('en-US')} deliveries expected.`,
      better: 'lower',
      app: {
        value: pg.two.lost,
        unit: 'lost',
        detail: `one process: ${pg.one.lost} of ${(pg.one.comments * pg.one.sockets).toLocaleString('en-US')} lost`,
      },
      target: { limit: 0 },
    },
  ]
}

function fanoutFigure(m: Measured): Figure {
  const each = (values: number[], unit: string) => `${values.map((v) => Math.round(v)).join(' + ')} ${unit}`
  return {
    value: round(m.p99),
    unit: 'ms',
    detail:
      `p50 ${round(m.p50).toLocaleString('en-US')} ms · ${Math.round(m.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s · ` +
      `POST answered p50 ${round(m.postP50).toLocaleString('en-US')} / p99 ${round(m.postP99).toLocaleString('en-US')} ms · ` +
      `server CPU ${each(m.cpuPercent, '%')} · peak RSS ${each(m.peakRssMiB, 'MiB')} · lost ${m.lost}`,
  }
}

/** `total` split as evenly as whole numbers allow over `parts`. */
function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0))
}

/**
 * One fan-out measurement: `size` sockets split evenly over `nodes` (each node's share split
 * over the reader processes), comments posted to the first node.
 */
async function measure(ctx: BenchContext, nodes: Server[], clients: ReaderProcess[], size: number): Promise<Measured> {
  const server = nodes[0]!
  for (const [n, onNode] of shares(size, nodes.length).entries()) {
    const node = nodes[n]!
    const wsUrl = `${node.url.replace(/^http/, 'ws')}${node.info.livePath}`
    const perClient = shares(onNode, clients.length)
    await Promise.all(
      clients.map((client, i) =>
        client.ask({ type: 'open', url: wsUrl, count: perClient[i]!, origin: node.info.origin, subscribe: node.info.subscribe }, 'opened'),
      ),
    )
  }
  await sleep(SETTLE_MS)
  const held = (await Promise.all(nodes.map(stats))).reduce((sum, s) => sum + s.sockets, 0)
  if (held !== size) throw new Error(`${nodes.map((n) => n.url).join(' and ')} hold ${held} sockets, expected ${size}`)
  // Drop anything that arrived before posting (nothing should have).
  await Promise.all(clients.map((client) => client.ask({ type: 'report' }, 'report')))

  const sent = new Map<number, number>()
  const warmupEnd = ctx.settings.warmupSeconds * POSTS_PER_SECOND
  const total = warmupEnd + ctx.settings.durationSeconds * POSTS_PER_SECOND
  const measuredIds = new Set<number>()
  const answered: number[] = []
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
    if (i === warmupEnd) for (const node of nodes) settle(get(node, MARK_PATH))
    settle(
      post(server).then(({ id, at, took }) => {
        sent.set(id, at)
        if (i >= warmupEnd) {
          measuredIds.add(id)
          answered.push(took)
        }
      }),
    )
  }
  await Promise.all(posts)
  if (failed) throw failed

  const expected = sent.size * size
  await drain(clients, expected, DRAIN_STALL_MS)
  const serverStats = await Promise.all(nodes.map(stats))
  const reports = await Promise.all(clients.map((client) => client.ask({ type: 'report' }, 'report')))
  await Promise.all(clients.map((client) => client.ask({ type: 'close' }, 'closed')))
  await Promise.all(nodes.map((node) => waitForSockets(node, 0)))

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
  answered.sort((a, b) => a - b)
  return {
    sockets: size,
    comments: sent.size,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    postP50: percentile(answered, 0.5),
    postP99: percentile(answered, 0.99),
    deliveriesPerSecond: measuredDeliveries / ((lastReceipt - firstSend) / 1000),
    lost: expected - received,
    cpuPercent: serverStats.map((s) => (100 * (s.userMicros + s.systemMicros)) / s.wallMicros),
    peakRssMiB: serverStats.map((s) => s.peakRssBytes / 2 ** 20),
  }
}

/** Sends one comment and resolves with its id, when the request left and how long its answer took. */
async function post(server: Server): Promise<{ id: number; at: number; took: number }> {
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
  return { id, at, took: now() - at }
}

async function get(server: Server, path: string): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`)
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`)
  return res.json()
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
