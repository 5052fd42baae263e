/**
 * HTTP load with autocannon, run in this process against a server in another. An app and
 * its baseline are measured in alternating rounds (app, baseline, baseline, app, …) so that
 * drift of a shared, noisy machine falls on both sides alike; each round is preceded by a
 * warm-up whose figures are thrown away, and the medians of the rounds are reported.
 */
import autocannon, { type Request, type Result } from 'autocannon'
import type { BenchContext, Figure, LoadSettings } from './types.ts'

export interface LoadTarget {
  /** The server's base URL, e.g. http://127.0.0.1:40123 */
  url: string
  /** Sent in turn by every connection, over and over. */
  requests: Request[]
}

export interface Measured {
  /** Median over the rounds of the mean requests per second. */
  requestsPerSecond: number
  /** Medians over the rounds, in milliseconds. */
  p50: number
  p99: number
  perRound: number[]
}

export async function compareUnderLoad(
  ctx: BenchContext,
  label: string,
  app: LoadTarget,
  baseline: LoadTarget,
): Promise<{ app: Measured; baseline: Measured }> {
  const results = { app: [] as Result[], baseline: [] as Result[] }
  for (let round = 0; round < ctx.settings.rounds; round++) {
    const order = round % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const)
    for (const side of order) {
      const result = await measure(side === 'app' ? app : baseline, ctx.settings)
      results[side].push(result)
      ctx.log(
        `${label} · ${side} round ${round + 1}/${ctx.settings.rounds}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`,
      )
    }
  }
  return { app: summarise(results.app), baseline: summarise(results.baseline) }
}

export function throughputFigure(m: Measured): Figure {
  return {
    value: m.requestsPerSecond,
    unit: 'req/s',
    detail: `p50 ${m.p50} ms · p99 ${m.p99} ms · rounds ${m.perRound.map(Math.round).join(' / ')} req/s`,
  }
}

async function measure(target: LoadTarget, settings: LoadSettings): Promise<Result> {
  await run(target, settings.connections, settings.warmupSeconds)
  return run(target, settings.connections, settings.durationSeconds)
}

async function run(target: LoadTarget, connections: number, duration: number): Promise<Result> {
  const result = await autocannon({ url: target.url, connections, duration, timeout: 10, requests: target.requests })
  // A refused or failed request is cheap to answer: counting it would flatter the server.
  if (result.errors > 0 || result.non2xx > 0) {
    const statuses = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(', ')
    throw new Error(`${target.url}: ${result.errors} connection errors, ${result.non2xx} non-2xx responses (${statuses})`)
  }
  return result
}

function summarise(results: Result[]): Measured {
  return {
    requestsPerSecond: Math.round(median(results.map((r) => r.requests.average))),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    perRound: results.map((r) => r.requests.average),
  }
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
