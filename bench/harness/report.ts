/**
 * BENCHMARKS.md: the machine, how the figures were taken, one summary table, and a section
 * per benchmark. The file is rewritten whole by every run, so it never mixes two runs.
 */
import { arch, cpus, platform, release, totalmem } from 'node:os'
import { statfsSync } from 'node:fs'
import { meetsTarget, ratioOf, type LoadSettings, type Row } from './types.ts'

export interface Failure {
  benchmark: string
  message: string
}

/** Rows a benchmark did not measure in this run, and why. */
export interface Skipped {
  title: string
  reason: string
}

export interface Report {
  date: Date
  settings: LoadSettings
  /** The file system the databases lived on, from `fileSystemOf`. */
  databaseFileSystem: string
  /** One-minute load averages before and after the run. */
  load: [number, number]
  rows: Row[]
  skipped: Skipped[]
  failures: Failure[]
}

// statfs reports the file system as a magic number; these are the common ones.
const FILE_SYSTEMS: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs',
}

export function renderReport(report: Report): string {
  const { settings } = report
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${report.date.toISOString()}; every run rewrites this file.`,
    '',
    '## Machine',
    '',
    ...machine(report.databaseFileSystem).map((l) => `- ${l}`),
    `- Load average (1 min) before / after the run: ${report.load.map((l) => l.toFixed(2)).join(' / ')}; ` +
      'anything else running on the machine takes cores from the server and the load generator alike.',
    '',
    '## Summary',
    '',
    '| Benchmark | App | Baseline | Ratio | Target | Result |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...report.rows.map(summaryLine),
    ...report.skipped.map((s) => `| ${s.title} | – | – | – | – | SKIPPED |`),
    ...report.failures.map((f) => `| ${f.benchmark} | – | – | – | – | ERROR |`),
    '',
    'Ratio: the app relative to its bare baseline, 1.00× meaning as fast; a target is the lowest ratio that passes. ' +
      'Where a row names another baseline (the app on SQLite), the ratio is relative to that.',
    '',
    ...report.rows.flatMap(section),
    ...report.skipped.flatMap((s) => [`## ${s.title}: skipped`, '', s.reason, '']),
    ...report.failures.flatMap((f) => [`## ${f.benchmark}: failed`, '', '```', f.message, '```', '']),
    '## How the figures are taken',
    '',
    '- Each server under test runs in a child process of its own (`node --import tsx bench/servers/<name>.ts`), ' +
      'listening on 127.0.0.1 on an ephemeral port; the load generator, autocannon, runs in the parent process ' +
      '(`bench/run.ts`). On a two-core machine that gives the server one core and the load generator the other.',
    `- ${settings.connections} connections; each round is a ${settings.warmupSeconds} s warm-up, whose figures are ` +
      `discarded, then ${settings.durationSeconds} s measured.`,
    `- ${settings.rounds} rounds per side, alternating app, baseline, baseline, app, … so that drift falls on both ` +
      'sides alike. Throughput is the median over the rounds of the mean requests per second; p50 and p99 latencies ' +
      "are the medians of the rounds' percentiles. Every round must end without a connection error or a non-2xx " +
      'response, or the benchmark fails instead of reporting flattering figures.',
    '- Databases are SQLite files in a fresh temporary directory (set `TMPDIR` to measure another disk), opened ' +
      "with the app's pragmas (WAL, synchronous=FULL, foreign_keys=ON); the directory is removed after the run.",
    '- The rows marked Postgres run on the server `MARGINALIA_TEST_POSTGRES` names (skipped when it is unset): every ' +
      'server under test gets a fresh database of its own there, copied from the migrated template and seeded by the ' +
      'same fixture, and dropped after the benchmark. When that server runs on the same machine, its backends take ' +
      'cores from the app and the load generator too.',
    '- `BENCH_SECONDS`, `BENCH_ROUNDS` and `BENCH_CONNECTIONS` override the measured seconds, rounds and ' +
      'connections; `BENCH_PROFILE=1` makes every server write a V8 CPU profile to `bench/results/profiles/`.',
    '',
  ]
  return lines.join('\n')
}

/** The machine a run took its figures on, one line per trait. */
export function machine(databaseFileSystem: string): string[] {
  const cores = cpus()
  const models = [...new Set(cores.map((c) => c.model.trim()))].join(', ')
  return [
    `CPU: ${cores.length} × ${models}`,
    `Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${platform()} ${release()} (${arch()})`,
    `Node: ${process.version}`,
    `Databases on: ${databaseFileSystem}`,
  ]
}

/** The file system holding `path`, by name when it is a common one. */
export function fileSystemOf(path: string): string {
  try {
    const { type } = statfsSync(path)
    return FILE_SYSTEMS[type] ?? `file system 0x${type.toString(16)}`
  } catch {
    return 'unknown file system'
  }
}

function summaryLine(row: Row): string {
  const ratio = ratioOf(row)
  const pass = meetsTarget(row)
  return [
    '',
    row.title,
    figure(row.app.value, row.app.unit),
    row.baseline ? figure(row.baseline.value, row.baseline.unit) : '–',
    ratio === undefined ? '–' : `${ratio.toFixed(2)}×`,
    targetText(row),
    pass === undefined ? '–' : pass ? 'PASS' : 'MISS',
    '',
  ]
    .join(' | ')
    .trim()
}

function section(row: Row): string[] {
  const ratio = ratioOf(row)
  const pass = meetsTarget(row)
  return [
    `## ${row.title}`,
    '',
    row.measured,
    '',
    `- App: **${figure(row.app.value, row.app.unit)}**${row.app.detail ? ` (${row.app.detail})` : ''}`,
    ...(row.baseline
      ? [
          `- Baseline${row.baselineName ? ` (${row.baselineName})` : ''}: **${figure(row.baseline.value, row.baseline.unit)}**` +
            (row.baseline.detail ? ` (${row.baseline.detail})` : ''),
        ]
      : []),
    ...(ratio === undefined ? [] : [`- Ratio: ${ratio.toFixed(2)}×`]),
    ...(row.target ? [`- Target: ${targetText(row)} → **${pass ? 'PASS' : 'MISS'}**`] : []),
    ...(row.notes?.length ? ['', 'Notes:', '', ...row.notes.map((n) => `- ${n}`)] : []),
    '',
  ]
}

function targetText(row: Row): string {
  if (!row.target) return '–'
  if ('ratio' in row.target) return `≥ ${row.target.ratio}×`
  return `${row.better === 'higher' ? '≥' : '≤'} ${figure(row.target.limit, row.app.unit)}`
}

function figure(value: number, unit: string): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`
}
