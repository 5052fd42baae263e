/**
 * A live seminar: 200 participants join one seminar by its code (each as a guest, with a
 * session cookie of their own) and follow it over a socket, while the leader moves the
 * spotlight and runs stance polls (open, everyone votes, close) and the participants post
 * 5 comments a second between them. Measured: how long each leader action takes from its
 * REST request leaving the leader to the last participant receiving its event, and whether
 * any participant missed any event. Beside the app, a bare Fastify + @fastify/websocket
 * server answers the same calls with the same kind of SQLite write and one JSON frame to
 * every socket (bench/servers/seminar-bare-server.ts). Target: the app's p99 within 1.5× the
 * baseline's, and not one delivery lost.
 *
 * The sockets live in READER_PROCESSES reader processes (bench/clients/seminar-client.ts);
 * this process is the leader and sends the participants' writes too, open-loop on a fixed
 * schedule, stamping each request as it leaves. Every request carries an `X-Client-Id` of its
 * own, which comes back in the event it causes, so each receipt is matched to its request;
 * both stamps come from the same machine clock. The sides alternate by round (app, baseline,
 * baseline, app) so that drift of a shared machine falls on both alike.
 *
 * A second scenario follows on the same seminar: the leader forms GROUP_COUNT small groups at
 * random and starts group work, and the same cycles run again. Each participant now receives
 * their own group's comments and, in place of the other groups' comments, `skip` frames with
 * the same seq, while every spotlight and poll event still reaches everyone. The baseline has
 * no groups: its rounds, alternating with the app's as before, do the same work as in the
 * first scenario, the bare cost of delivering every event to every socket. Nothing is lost
 * when every leader action, vote count and comment reaches every participant (a comment as
 * its event or as a skip) and every participant receives every seq of the round.
 */
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { CountedType } from './clients/seminar-client.ts'
import { checkOpenFiles, drain, now, percentile, READER_PROCESSES, ReaderProcess, sleep, startReaders } from './harness/clients.ts'
import { median } from './harness/load.ts'
import type { ServerHandle } from './harness/servers.ts'
import { LIVE_RATIO, LIVE_SLOWDOWN, type BenchContext, type Figure, type Row } from './harness/types.ts'
import { MARK_PATH, stats, waitForSockets } from './servers/fanout-stats.ts'
import type { SeminarTargets } from './servers/seminar-targets.ts'

type Server = ServerHandle<SeminarTargets>
type Side = 'app' | 'bare'
/** The whole seminar in the open phase, then the same seminar in group work. */
type Scenario = 'whole' | 'groups'

const PARTICIPANTS = 200
const COMMENTS_PER_SECOND = 5
/**
 * Rounds per side; each round opens the sockets afresh and runs the cycles below. The figure
 * is the median of the rounds' p99s, so one stall of a shared disk or core in one round does
 * not decide it.
 */
const ROUNDS = 3
/** The groups scenario's rounds per side: fewer, so the benchmark's running time stays within reason. */
const GROUP_ROUNDS = 2
const GROUP_COUNT = 10
/** Cycles at the start of a side's first round in each scenario whose latencies are not counted (their deliveries are). */
const WARMUP_CYCLES = 1
const MEASURED_CYCLES = 4
const CYCLE_MS = 5000
type ActionKind = 'spotlight' | 'open' | 'close'
/** The leader's part of one cycle: when each action is due, in ms from the cycle's start. */
const SCRIPT: { at: number; kind: ActionKind }[] = [
  { at: 0, kind: 'spotlight' },
  { at: 250, kind: 'open' },
  { at: 750, kind: 'spotlight' },
  { at: 1250, kind: 'spotlight' },
  { at: 1750, kind: 'spotlight' },
  { at: 2250, kind: 'spotlight' },
  { at: 2750, kind: 'spotlight' },
  { at: 3250, kind: 'spotlight' },
  { at: 3900, kind: 'close' },
  { at: 4400, kind: 'spotlight' },
]
/** The participants' votes are spread over this long from the poll's opening; the leader closes once all are in. */
const VOTING_MS = 3400
const JOINS_AT_ONCE = 10
/** Lets the app's presence notices for the newly opened sockets go out before the leader starts. */
const SETTLE_MS = 1000
/** How long deliveries may stall after the last request before the missing ones count as lost. */
const DRAIN_STALL_MS = 3000

type CallKind = ActionKind | 'vote' | 'comment'
const EVENT_OF: Record<CallKind, CountedType> = {
  spotlight: 'spotlight.changed',
  open: 'poll.opened',
  close: 'poll.closed',
  vote: 'poll.count',
  comment: 'comment.created',
}
const KIND_NAMES: Record<CallKind, string> = {
  spotlight: 'spotlight',
  open: 'poll opened',
  close: 'poll closed',
  vote: 'vote count',
  comment: 'comment',
}
const LEADER_KINDS: ActionKind[] = ['spotlight', 'open', 'close']
const STANCES = ['pro', 'contra', 'neutral'] as const
const POLL_STANCES = ['pro', 'contra', 'undecided'] as const
const SENTENCES = [
  'Der Absatz unterschätzt, wie viel Auswahl und Urteil schon im Formulieren eines Prompts steckt.',
  'Passiv ist nicht, wer ein Werkzeug benutzt, sondern wer aufhört zu fragen, wozu er es benutzt.',
  'Ein Gegenbeispiel: Fotografie galt anfangs auch als Ende der Malerei und hat sie verändert.',
]

/** One request whose event every participant should receive. */
interface Call {
  clientId: string
  kind: CallKind
  /** When the request left, in ms (the readers' clock). */
  at: number
  measured: boolean
}

interface Tally {
  /** Latencies of measured calls by kind, in ms. */
  latencies: Record<CallKind, number[]>
  /** Each round's p99 over the leader's measured actions, in ms. */
  roundP99s: number[]
  calls: number
  lost: number
  cpuMicros: number
  wallMicros: number
  peakRssBytes: number
  joinMs: number
}

export async function seminarBenchmark(ctx: BenchContext): Promise<Row[]> {
  checkOpenFiles(PARTICIPANTS, 'seminar')
  const [app, bare] = await Promise.all([
    ctx.startServer<SeminarTargets>('seminar-app-server.ts', [join(ctx.tmpDir, 'seminar-app.db')]),
    ctx.startServer<SeminarTargets>('seminar-bare-server.ts', [join(ctx.tmpDir, 'seminar-bare.db')]),
  ])
  const servers: Record<Side, Server> = { app, bare }
  const readers = startReaders('seminar-client.ts')
  const all: Record<Scenario, Record<Side, Tally>> = {
    whole: { app: emptyTally(), bare: emptyTally() },
    groups: { app: emptyTally(), bare: emptyTally() },
  }
  const tallies = all.whole
  let groupSizes: number[]
  try {
    const cookies = {} as Record<Side, string[]>
    for (const side of ['app', 'bare'] as const) {
      const started = now()
      cookies[side] = await joinAll(servers[side])
      tallies[side].joinMs = now() - started
      ctx.log(`seminar · ${side}: ${PARTICIPANTS} joined in ${Math.round(tallies[side].joinMs)} ms`)
    }
    const runRounds = async (scenario: Scenario, rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        const order: Side[] = round % 2 === 0 ? ['app', 'bare'] : ['bare', 'app']
        for (const side of order) {
          await runRound(ctx, scenario, side, round, rounds, servers[side], cookies[side], readers, all[scenario][side])
        }
      }
    }
    await runRounds('whole', ROUNDS)
    groupSizes = await startGroupWork(app)
    ctx.log(`seminar · app: ${groupSizes.length} groups of ${groupSizes.join(', ')} at work`)
    await runRounds('groups', GROUP_ROUNDS)
  } finally {
    for (const reader of readers) reader.kill()
  }
  await Promise.all([app.stop(), bare.stop()])

  const measuredCycles = ROUNDS * MEASURED_CYCLES
  const actionsPerCycle = SCRIPT.length
  const spotlights = SCRIPT.filter((step) => step.kind === 'spotlight').length
  return [
    {
      title: `Seminar: leader action → last of ${PARTICIPANTS} participants (p99)`,
      measured:
        `${PARTICIPANTS} participants joined one seminar by its code (as guests, each with a session cookie of their own) ` +
        `and subscribed over a socket each, held by ${READER_PROCESSES} client processes. Per ${CYCLE_MS / 1000} s cycle the ` +
        `leader moves the spotlight ${spotlights} times and opens a poll on the spotlit paragraph, every participant votes ` +
        `once within ${VOTING_MS / 1000} s, and the leader closes it; meanwhile participants post ${COMMENTS_PER_SECOND} ` +
        `comments a second. ${ROUNDS} rounds per side (alternating app, baseline, baseline, app, …) of ${MEASURED_CYCLES} ` +
        `measured cycles, after ${WARMUP_CYCLES} warm-up cycle in each side's first round: ${measuredCycles * actionsPerCycle} ` +
        "leader actions measured per side. Latency runs from the leader's REST request leaving to the last participant " +
        "receiving its event; the figure is the median of the rounds' p99s.",
      better: 'lower',
      app: leaderFigure(tallies.app, joins(tallies.app)),
      baseline: leaderFigure(tallies.bare, joins(tallies.bare)),
      target: { ratio: LIVE_RATIO },
    },
    {
      title: 'Seminar: deliveries lost',
      measured:
        'Every event caused by a measured request or a warm-up one — spotlight, poll opened, vote count, poll closed, ' +
        `comment — counted at every participant: ${(tallies.app.calls * PARTICIPANTS).toLocaleString('en-US')} deliveries ` +
        `expected from the app, ${(tallies.bare.calls * PARTICIPANTS).toLocaleString('en-US')} from the baseline.`,
      better: 'lower',
      app: { value: tallies.app.lost, unit: 'lost' },
      baseline: { value: tallies.bare.lost, unit: 'lost' },
      target: { limit: 0 },
      notes: [
        'App: every call goes through the whole route (origin, session, validation, the guardian, the transaction with ' +
          "its event row), then the hub: each participant's visibility class in the seminar (all alike in the open phase, " +
          'so one frame per event), one serialisation, a send with a backpressure check per socket. The participants came ' +
          'through `POST /api/join` as guests; their sockets through the origin check and the session hook, and each ' +
          'subscribed (its `subscribed` reply carries the room). The hub pings them, re-checks their sessions and sends presence.',
        "Baseline: the same REST paths on plain Fastify; each runs one statement on the same schema — the debate's " +
          "spotlight, a poll row, an upserted vote with a count, the poll's closing with a tally by stance, a comment — " +
          "then JSON.stringify of an event frame in the API's shape, encoded to bytes once, and `send` to every open " +
          'socket. No event log, no authorisation or validation; its join only adds a guest and a membership.',
        `Target: the app's p99 over the leader's actions within ${LIVE_SLOWDOWN}× the baseline's (ratio ≥ ${LIVE_RATIO}), and ` +
          `nothing lost. With ${MEASURED_CYCLES * actionsPerCycle} actions per round, a round's p99 is its slowest action. ` +
          `Each poll sends ${PARTICIPANTS} vote counts to ${PARTICIPANTS} sockets in ${VOTING_MS / 1000} s ` +
          `(about ${Math.round((PARTICIPANTS * PARTICIPANTS) / (VOTING_MS / 1000)).toLocaleString('en-US')} deliveries a second); ` +
          "the leader's spotlight moves land in the middle of it.",
        "CPU is the server process's user + system time over the measured cycles and the drain after them, as a share of " +
          `one core; the ${READER_PROCESSES} client processes and the runner share the machine's ${cpus().length} cores with it.`,
      ],
    },
    {
      title: `Seminar in ${GROUP_COUNT} groups: leader action → last of ${PARTICIPANTS} participants (p99)`,
      measured:
        `The same seminar and participants after the rows above: the leader forms ${GROUP_COUNT} groups at random ` +
        `(${groupSizes.join(', ')} participants) and starts group work, then runs the same cycles, and the participants ` +
        "keep voting and commenting, each comment within its writer's group. " +
        `${GROUP_ROUNDS} rounds per side (alternating as above) of ${MEASURED_CYCLES} measured cycles, after ` +
        `${WARMUP_CYCLES} warm-up cycle in each side's first round of this scenario: ` +
        `${GROUP_ROUNDS * MEASURED_CYCLES * actionsPerCycle} leader actions measured per side. Latency as above, from ` +
        "the leader's REST request leaving to the last participant receiving its event; the figure is the median of the " +
        "rounds' p99s.",
      better: 'lower',
      app: leaderFigure(all.groups.app, null),
      baseline: leaderFigure(all.groups.bare, null),
      target: { ratio: LIVE_RATIO },
    },
    {
      title: `Seminar in ${GROUP_COUNT} groups: deliveries lost`,
      measured:
        'Every spotlight, poll opened, vote count and poll closed counted as its event at every participant; every ' +
        "comment as its event at its group's participants and as a `skip` with the same seq at everyone else's; and " +
        `every seq of each round at every participant: ${(all.groups.app.calls * PARTICIPANTS).toLocaleString('en-US')} ` +
        `deliveries expected from the app, ${(all.groups.bare.calls * PARTICIPANTS).toLocaleString('en-US')} from the baseline.`,
      better: 'lower',
      app: { value: all.groups.app.lost, unit: 'lost' },
      baseline: { value: all.groups.bare.lost, unit: 'lost' },
      target: { limit: 0 },
      notes: [
        "App: as above, but each participant's visibility class now includes their group, so the hub presents and " +
          `serialises each event once per group (${GROUP_COUNT} frames where the open phase had one): a comment as itself ` +
          'to its own group (its author apart) and as a skip to the others, a spotlight or poll event as itself to all. ' +
          'Presence and typing reach each group only from within it.',
        'Baseline: unchanged, with no groups — every event goes to every socket, the bare cost of the same deliveries.',
        `Target: as above, the app's p99 within ${LIVE_SLOWDOWN}× the baseline's of the same run (ratio ≥ ${LIVE_RATIO}), ` +
          'and nothing lost.',
      ],
    },
  ]
}

function emptyTally(): Tally {
  return {
    latencies: { spotlight: [], open: [], close: [], vote: [], comment: [] },
    roundP99s: [],
    calls: 0,
    lost: 0,
    cpuMicros: 0,
    wallMicros: 0,
    peakRssBytes: 0,
    joinMs: 0,
  }
}

function joins(t: Tally): string {
  return `${PARTICIPANTS} joins in ${(t.joinMs / 1000).toFixed(1)} s`
}

/** `joined`: how long the participants took to join, when the tally's rounds were the first on the server. */
function leaderFigure(t: Tally, joined: string | null): Figure {
  const leader = LEADER_KINDS.flatMap((k) => t.latencies[k]).sort((a, b) => a - b)
  const kinds = (Object.keys(KIND_NAMES) as CallKind[]).map((k) => {
    const sorted = [...t.latencies[k]].sort((x, y) => x - y)
    return `${KIND_NAMES[k]} ${tenths(percentile(sorted, 0.5))} / ${tenths(percentile(sorted, 0.99))} ms`
  })
  return {
    value: tenths(median(t.roundP99s)),
    unit: 'ms',
    detail:
      `p50 ${tenths(percentile(leader, 0.5))} ms · rounds' p99 ${t.roundP99s.map(tenths).join(' / ')} ms · ` +
      `p50 / p99 by event over all rounds: ${kinds.join(', ')} · ` +
      `server CPU ${Math.round((100 * t.cpuMicros) / t.wallMicros)} % · peak RSS ${Math.round(t.peakRssBytes / 2 ** 20)} MiB · ` +
      `${joined === null ? '' : `${joined} · `}lost ${t.lost}`,
  }
}

/** Joins every participant by the seminar's code; resolves with their session cookies. */
async function joinAll(server: Server): Promise<string[]> {
  const cookies: string[] = []
  let next = 0
  const worker = async () => {
    while (next < PARTICIPANTS) {
      const i = next++
      const res = await fetch(`${server.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.info.origin },
        body: JSON.stringify({ code: server.info.joinCode, displayName: `Teilnehmer ${i + 1}` }),
      })
      const text = await res.text()
      if (res.status !== 200) throw new Error(`POST /api/join answered ${res.status}: ${text.slice(0, 200)}`)
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .find((c) => c.startsWith('mg_session='))
      if (!cookie) throw new Error('POST /api/join answered without a session cookie')
      cookies[i] = cookie
    }
  }
  await Promise.all(Array.from({ length: JOINS_AT_ONCE }, worker))
  return cookies
}

/**
 * Forms the app's groups at random and starts group work; resolves with the groups' sizes.
 * Group work lasts to the end of the benchmark: the groups are fixed from then on.
 */
async function startGroupWork(server: Server): Promise<number[]> {
  const { info } = server
  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/debates/${info.slug}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...info.leaderHeaders },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`PUT …${path} answered ${res.status}: ${text.slice(0, 200)}`)
    return JSON.parse(text) as { state: string | null; groups: { members: unknown[] }[]; ungrouped: unknown[] }
  }
  await put('/groups', { mode: 'random', count: GROUP_COUNT })
  const working = await put('/groups/state', { state: 'working' })
  const sizes = working.groups.map((g) => g.members.length)
  const grouped = sizes.reduce((sum, n) => sum + n, 0)
  if (working.state !== 'working' || sizes.length !== GROUP_COUNT || grouped !== PARTICIPANTS) {
    throw new Error(`group work: state ${working.state}, ${sizes.length} groups holding ${grouped} of ${PARTICIPANTS} participants`)
  }
  return sizes
}

async function runRound(
  ctx: BenchContext,
  scenario: Scenario,
  side: Side,
  round: number,
  rounds: number,
  server: Server,
  cookies: string[],
  readers: ReaderProcess[],
  tally: Tally,
): Promise<void> {
  const name = scenario === 'whole' ? `seminar · ${side}` : `seminar in groups · ${side}`
  ctx.log(`${name} round ${round + 1}/${rounds}`)
  const { info } = server
  const wsUrl = `${server.url.replace(/^http/, 'ws')}${info.livePath}`
  let from = 0
  await Promise.all(
    readers.map((reader, i) => {
      const count = Math.floor(PARTICIPANTS / readers.length) + (i < PARTICIPANTS % readers.length ? 1 : 0)
      const share = cookies.slice(from, (from += count))
      return reader.ask({ type: 'open', url: wsUrl, count, origin: info.origin, subscribe: info.subscribe, cookies: share }, 'opened')
    }),
  )
  await sleep(SETTLE_MS)
  const held = (await stats(server)).sockets
  if (held !== PARTICIPANTS) throw new Error(`${server.url} holds ${held} sockets, expected ${PARTICIPANTS}`)
  // Drop anything that arrived before the leader starts.
  await Promise.all(readers.map((reader) => reader.ask({ type: 'report' }, 'report')))

  const calls = await run(server, cookies, `${scenario[0]}${side[0]}${round}`, round === 0 ? WARMUP_CYCLES : 0)
  const deliveries = await drain(readers, calls.length * PARTICIPANTS, DRAIN_STALL_MS)
  const serverStats = await stats(server)
  const reports = await Promise.all(readers.map((reader) => reader.ask({ type: 'report' }, 'report')))
  await Promise.all(readers.map((reader) => reader.ask({ type: 'close' }, 'closed')))
  await waitForSockets(server, 0)

  // Keys are `<seq> <clientId> <type>` for a call's event and `<seq> skip` for a skip.
  const received = new Map<string, { seq: number; count: number; last: number }>()
  const skips = new Map<number, number>()
  const bySeq = new Map<number, number>()
  for (const report of reports) {
    if (report.closedEarly > 0) ctx.log(`${name}: ${report.closedEarly} sockets closed early`)
    for (const [key, count, last] of report.keys) {
      const text = String(key)
      const space = text.indexOf(' ')
      const seq = Number(text.slice(0, space))
      const rest = text.slice(space + 1)
      bySeq.set(seq, (bySeq.get(seq) ?? 0) + count)
      if (rest === 'skip') {
        skips.set(seq, (skips.get(seq) ?? 0) + count)
        continue
      }
      const entry = received.get(rest)
      if (entry) {
        entry.count += count
        entry.last = Math.max(entry.last, last)
      } else {
        received.set(rest, { seq, count, last })
      }
    }
  }
  let lost = 0
  const leader: number[] = []
  const ofCalls = new Set<number>()
  for (const call of calls) {
    const entry = received.get(`${call.clientId} ${EVENT_OF[call.kind]}`)
    // Only a comment may reach a participant as a skip (another group's); everything else reaches all as itself.
    const skipped = entry && call.kind === 'comment' ? (skips.get(entry.seq) ?? 0) : 0
    lost += Math.max(0, PARTICIPANTS - (entry?.count ?? 0) - skipped)
    if (entry) ofCalls.add(entry.seq)
    if (!entry || !call.measured) continue
    tally.latencies[call.kind].push(entry.last - call.at)
    if (call.kind !== 'vote' && call.kind !== 'comment') leader.push(entry.last - call.at)
  }
  // Any other seq of the round, and any seq in between that no one received, must also reach everyone.
  const seqs = [...bySeq.keys()]
  for (let seq = Math.min(...seqs); seq <= Math.max(...seqs); seq++) {
    if (!ofCalls.has(seq)) lost += Math.max(0, PARTICIPANTS - (bySeq.get(seq) ?? 0))
  }
  leader.sort((x, y) => x - y)
  tally.roundP99s.push(percentile(leader, 0.99))
  tally.calls += calls.length
  tally.lost += lost
  tally.cpuMicros += serverStats.userMicros + serverStats.systemMicros
  tally.wallMicros += serverStats.wallMicros
  tally.peakRssBytes = Math.max(tally.peakRssBytes, serverStats.peakRssBytes)
  ctx.log(
    `${name} round ${round + 1}: ${calls.length} calls, ${deliveries} of ${calls.length * PARTICIPANTS} deliveries, ` +
      `lost ${lost}; leader actions p50 ${tenths(percentile(leader, 0.5))} ms, p99 ${tenths(percentile(leader, 0.99))} ms`,
  )
}

/**
 * The leader's cycles and the participants' comments and votes, on a fixed schedule. The
 * leader waits for each reply before its next action, as a person at a screen does; comments
 * go out open-loop. Resolves with every call once all have been answered.
 */
async function run(server: Server, cookies: string[], prefix: string, warmupCycles: number): Promise<Call[]> {
  const { info } = server
  const calls: Call[] = []
  const inFlight: Promise<void>[] = []
  let failed: unknown = null
  let serial = 0
  const send = async (kind: CallKind, measured: boolean, method: string, path: string, cookie: string | null, body: unknown) => {
    const clientId = `${prefix}-${kind}-${++serial}`
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-client-id': clientId,
      ...(cookie === null ? info.leaderHeaders : { cookie, origin: info.origin }),
    }
    const at = now()
    const res = await fetch(`${server.url}${path}`, { method, headers, body: JSON.stringify(body) })
    const text = await res.text()
    if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`)
    calls.push({ clientId, kind, at, measured })
    return JSON.parse(text) as unknown
  }
  // Participants' calls are awaited only at the end; a failure must not go unhandled till then.
  const settle = (p: Promise<unknown>) => {
    const settled = p.then(
      () => undefined,
      (err: unknown) => {
        failed ??= err
      },
    )
    inFlight.push(settled)
    return settled
  }
  const someone = () => cookies[Math.floor(Math.random() * cookies.length)]!
  const pick = <T>(values: readonly T[]) => values[Math.floor(Math.random() * values.length)]!

  const cycles = warmupCycles + MEASURED_CYCLES
  const start = now() + 50
  const comments = (async () => {
    const total = (cycles * CYCLE_MS * COMMENTS_PER_SECOND) / 1000
    for (let i = 0; i < total && !failed; i++) {
      await sleep(start + (i * 1000) / COMMENTS_PER_SECOND - now())
      const measured = i >= (warmupCycles * CYCLE_MS * COMMENTS_PER_SECOND) / 1000
      const anchor = pick(info.anchors)
      const body = { body: `${pick(SENTENCES)} (${prefix}-${i})`, stance: pick(STANCES), clientKey: `${prefix}-comment-${i}` }
      void settle(send('comment', measured, 'POST', `/api/debates/${info.slug}/paragraphs/${anchor}/comments`, someone(), body))
    }
  })()
  const leader = (async () => {
    let spotlight = 0
    for (let cycle = 0; cycle < cycles && !failed; cycle++) {
      const measured = cycle >= warmupCycles
      if (cycle === warmupCycles) void settle(mark(server))
      let poll: { id: number; voted: Promise<void> } | null = null
      for (const step of SCRIPT) {
        await sleep(start + cycle * CYCLE_MS + step.at - now())
        if (failed) break
        if (step.kind === 'spotlight') {
          spotlight = (spotlight + 1) % info.anchors.length
          await send('spotlight', measured, 'PUT', `/api/debates/${info.slug}/spotlight`, null, { anchor: info.anchors[spotlight] })
        } else if (step.kind === 'open') {
          const { poll: opened } = (await send('open', measured, 'POST', `/api/debates/${info.slug}/polls`, null, {
            anchor: info.anchors[spotlight],
          })) as { poll: { id: number } }
          const openedAt = now()
          // Everyone votes once, in a random order, spread over the voting time.
          const order = shuffle(cookies)
          const votes = order.map(async (cookie, i) => {
            await sleep(openedAt + 100 + (i * VOTING_MS) / order.length - now())
            if (failed) return
            await send('vote', measured, 'PUT', `/api/polls/${opened.id}/vote`, cookie, { stance: pick(POLL_STANCES) })
          })
          poll = { id: opened.id, voted: settle(Promise.all(votes)) }
        } else if (poll) {
          await poll.voted
          if (failed) break
          await send('close', measured, 'POST', `/api/polls/${poll.id}/close`, null, {})
          poll = null
        }
      }
    }
  })()
  await Promise.all([settle(comments), settle(leader)])
  await Promise.all(inFlight)
  if (failed) throw failed
  return calls
}

/** Starts the server's CPU and memory figures afresh. */
async function mark(server: Server): Promise<void> {
  const res = await fetch(`${server.url}${MARK_PATH}`)
  if (!res.ok) throw new Error(`GET ${MARK_PATH} answered ${res.status}`)
  await res.arrayBuffer()
}

function shuffle<T>(values: T[]): T[] {
  const out = [...values]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

function tenths(ms: number): number {
  return Math.round(ms * 10) / 10
}
