/**
 * What the live benchmarks' servers share with the runner: where their sockets connect, and
 * what each reports about itself — CPU time (`process.cpuUsage()`) and the peak resident set
 * size, both since the runner last marked a start, and how many sockets it holds. Measured
 * inside the server process, because only it knows its own figures; served on two bench-only
 * routes so the runner needs no channel besides HTTP. The runner's side (`stats`,
 * `waitForSockets`) is here too.
 */
import type { FastifyInstance } from 'fastify'
import type { Targets } from './fixture.ts'

export interface FanoutTargets extends Targets {
  livePath: string
  /** The `Origin` a socket presents. */
  origin: string
  /** The first frame a socket sends, if the server needs one before it delivers events. */
  subscribe?: Record<string, unknown>
}

export const STATS_PATH = '/bench/stats'
export const MARK_PATH = '/bench/stats/mark'
const SAMPLE_MS = 50

export interface ServerStats {
  /** CPU time in microseconds since the mark. */
  userMicros: number
  systemMicros: number
  wallMicros: number
  peakRssBytes: number
  sockets: number
}

export function serveStats(server: FastifyInstance, sockets: () => number): void {
  let since = process.cpuUsage()
  let sinceWall = performance.now()
  let peakRss = process.memoryUsage.rss()
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }, SAMPLE_MS)
  sampler.unref()
  server.addHook('onClose', async () => clearInterval(sampler))

  // GET, not POST: the app's origin check would otherwise ask this bench-only route for a header.
  server.get(MARK_PATH, async () => {
    since = process.cpuUsage()
    sinceWall = performance.now()
    peakRss = process.memoryUsage.rss()
    return { ok: true }
  })
  server.get(STATS_PATH, async (): Promise<ServerStats> => {
    const cpu = process.cpuUsage(since)
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
    return {
      userMicros: cpu.user,
      systemMicros: cpu.system,
      wallMicros: Math.round((performance.now() - sinceWall) * 1000),
      peakRssBytes: peakRss,
      sockets: sockets(),
    }
  })
}

/** The runner's side: a server's figures since the last mark. */
export async function stats(server: { url: string }): Promise<ServerStats> {
  const res = await fetch(`${server.url}${STATS_PATH}`)
  if (!res.ok) throw new Error(`GET ${STATS_PATH} answered ${res.status}`)
  return (await res.json()) as ServerStats
}

/** Waits (up to 10 s) until the server holds `count` sockets, e.g. none after the readers closed theirs. */
export async function waitForSockets(server: { url: string }, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await stats(server)).sockets === count) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${server.url} holds ${(await stats(server)).sockets} sockets, not ${count}`)
}
