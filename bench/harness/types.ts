/**
 * What a benchmark module returns and what it is given. A module (`bench/<name>.ts`) exports
 * one function taking a `BenchContext` and returning `Row`s; `bench/run.ts` runs the modules
 * in turn and writes every row to BENCHMARKS.md, so adding a benchmark touches only its own
 * module and one line of the list in run.ts.
 */
import type { ServerHandle } from './servers.ts'

/** One measured figure with what it rests on, e.g. `p50 1.2 ms · p99 3.4 ms`. */
export interface Figure {
  value: number
  unit: string
  detail?: string
}

/**
 * A minimum for the app: either relative to its bare baseline (`ratio`, where 1 means as
 * good as the baseline whichever way "good" points) or an absolute `limit` on its figure.
 */
export type Target = { ratio: number } | { limit: number }

/** The live benchmarks' target: the app's p99 within this many times the baseline's. */
export const LIVE_SLOWDOWN = 1.5
/** That target as the ratio the report checks: 1 / 1.5, rounded to what the table shows. */
export const LIVE_RATIO = 0.67

export interface Row {
  title: string
  /** What exactly was measured, in a sentence or two. */
  measured: string
  better: 'higher' | 'lower'
  app: Figure
  /** The same work done by a bare handler, when the benchmark has one. */
  baseline?: Figure
  /** What the baseline is, when it is not a bare handler (e.g. the app on another engine). */
  baselineName?: string
  target?: Target
  /** How the app and the baseline differ, and anything that was set aside. */
  notes?: string[]
}

export interface LoadSettings {
  connections: number
  warmupSeconds: number
  durationSeconds: number
  /** Measured rounds per side; sides alternate app, baseline, baseline, app, … */
  rounds: number
}

export interface BenchContext {
  settings: LoadSettings
  /** A directory of the run's own; removed when the run ends, failed or not. */
  tmpDir: string
  /** Starts `bench/servers/<script>` in a child process; it is stopped when the run ends. */
  startServer<T extends object>(script: string, args?: string[]): Promise<ServerHandle<T>>
  /** Reports rows that could not be measured here (a missing Postgres server), and why. */
  skip(title: string, reason: string): void
  log(message: string): void
}

export type Benchmark = (ctx: BenchContext) => Promise<Row[]>

/** The app relative to its baseline: above 1 when the app does better, below when worse. */
export function ratioOf(row: Row): number | undefined {
  if (!row.baseline || row.app.value <= 0 || row.baseline.value <= 0) return undefined
  return row.better === 'higher' ? row.app.value / row.baseline.value : row.baseline.value / row.app.value
}

export function meetsTarget(row: Row): boolean | undefined {
  if (!row.target) return undefined
  if ('ratio' in row.target) {
    const ratio = ratioOf(row)
    return ratio === undefined ? false : ratio >= row.target.ratio
  }
  return row.better === 'higher' ? row.app.value >= row.target.limit : row.app.value <= row.target.limit
}
