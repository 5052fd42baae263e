/**
 * What every torture experiment reports: its figures, and whether each line it promises held.
 * The runner prints them as they come and writes RELIABILITY.md from all of them.
 */
export interface Check {
  /** What must hold, e.g. "0 acknowledged comments lost". */
  claim: string
  pass: boolean
  /** The measured figure behind the claim, e.g. "0 of 2,931". */
  figure: string
}

export interface ExperimentResult {
  name: string
  /** Counts and sizes worth reading, e.g. { cycles: 30, acknowledged: 2931 }. */
  figures: Record<string, number | string>
  checks: Check[]
  /** Failures worth reading in full (first few), for the report. */
  notes?: string[]
}

export interface ExperimentOptions {
  /** Seed for every random choice, so a failing run can be repeated. */
  seed: number
  /** Scales counts and durations: 1 is the full experiment, a small fraction the quick subset in `npm test`. */
  scale: number
  /** Kill or restart cycles, where an experiment has them (`TORTURE_CYCLES`); else scaled from the default. */
  cycles?: number
}

export type Experiment = (options: ExperimentOptions) => Promise<ExperimentResult>

export const passed = (result: ExperimentResult): boolean => result.checks.every((c) => c.pass)

export const check = (claim: string, pass: boolean, figure: string): Check => ({ claim, pass, figure })

/** A count as the report prints it: 2,931. */
export const n = (value: number): string => value.toLocaleString('en-US')

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number | undefined): string => (bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MiB`)

/** A count scaled for a smaller run, never below `min`. */
export const scaled = (full: number, scale: number, min = 1): number => Math.max(min, Math.round(full * scale))
