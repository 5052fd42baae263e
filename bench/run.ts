/**
 * `npm run bench`: runs every benchmark in turn and rewrites BENCHMARKS.md with the figures,
 * their ratios to the bare baselines and the targets. A benchmark is a module exporting one
 * function that returns rows (see harness/types.ts); add it to BENCHMARKS below.
 *
 * Whatever happens, the servers started by the run are stopped and its temporary directory
 * is removed. A benchmark that fails is reported as such and the others still run; the exit
 * code is then 1. A missed target is reported, not treated as a failure. Benchmark ids given as
 * arguments (`npm run bench -- fanout`) run only those; `BENCH_OUTPUT` names another file to
 * write than BENCHMARKS.md (a partial run would otherwise replace the full report).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { commentsBenchmark } from './comments.ts'
import { clientBenchmark } from './client.ts'
import { fanoutBenchmark } from './fanout.ts'
import { recordBenchmark } from './record.ts'
import { seminarBenchmark } from './seminar.ts'
import { fileSystemOf, renderReport, type Failure, type Skipped } from './harness/report.ts'
import { ServerPool } from './harness/servers.ts'
import { meetsTarget, ratioOf, type Benchmark, type BenchContext, type LoadSettings, type Row } from './harness/types.ts'

const BENCHMARKS: { id: string; name: string; run: Benchmark }[] = [
  { id: 'comments', name: 'Comments API', run: commentsBenchmark },
  { id: 'client', name: 'Client', run: clientBenchmark },
  { id: 'fanout', name: 'Live fan-out', run: fanoutBenchmark },
  { id: 'seminar', name: 'Live seminar', run: seminarBenchmark },
  { id: 'record', name: 'Seminar record', run: recordBenchmark },
]

/** `npm run bench -- fanout comments` runs only those benchmarks; no argument runs them all. */
function selected(args = process.argv.slice(2)): typeof BENCHMARKS {
  const unknown = args.filter((arg) => !BENCHMARKS.some((b) => b.id === arg))
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.id).join(', ')}`)
  return args.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => args.includes(b.id))
}

const OUTPUT = process.env.BENCH_OUTPUT?.trim() || fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))

function settingsFromEnv(env = process.env): LoadSettings {
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim()
    if (!raw) return fallback
    const value = Number(raw)
    if (!/^\d+$/.test(raw) || value < min || value > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`)
    return value
  }
  return {
    connections: whole('BENCH_CONNECTIONS', 10, 1, 1000),
    warmupSeconds: 2,
    durationSeconds: whole('BENCH_SECONDS', 8, 1, 600),
    rounds: whole('BENCH_ROUNDS', 3, 1, 20),
  }
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}

async function main(): Promise<number> {
  const settings = settingsFromEnv()
  const benchmarks = selected()
  const tmpDir = mkdtempSync(join(tmpdir(), 'marginalia-bench-'))
  const databaseFileSystem = fileSystemOf(tmpDir)
  const servers = new ServerPool(process.env.BENCH_PROFILE === '1')
  const cleanUp = () => {
    servers.killAllNow()
    rmSync(tmpDir, { recursive: true, force: true })
  }
  process.once('exit', cleanUp)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`)
      void servers.stopAll().finally(() => process.exit(130))
    })
  }

  const rows: Row[] = []
  const skipped: Skipped[] = []
  const failures: Failure[] = []
  const ctx: BenchContext = {
    settings,
    tmpDir,
    startServer: (script, args) => servers.start(script, args),
    skip: (title, reason) => {
      log(`${title}: skipped (${reason})`)
      skipped.push({ title, reason })
    },
    log,
  }
  const date = new Date()
  const loadBefore = loadavg()[0]!
  try {
    for (const benchmark of benchmarks) {
      log(`${benchmark.name}…`)
      try {
        rows.push(...(await benchmark.run(ctx)))
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
        log(`${benchmark.name} failed: ${message}`)
        failures.push({ benchmark: benchmark.name, message })
      } finally {
        await servers.stopAll()
      }
    }
  } finally {
    await servers.stopAll()
    rmSync(tmpDir, { recursive: true, force: true })
  }

  writeFileSync(OUTPUT, renderReport({ date, settings, databaseFileSystem, load: [loadBefore, loadavg()[0]!], rows, skipped, failures }))
  for (const row of rows) {
    const ratio = ratioOf(row)
    const pass = meetsTarget(row)
    log(
      `${row.title}: ${row.app.value} ${row.app.unit}` +
        (row.baseline ? ` vs ${row.baseline.value} ${row.baseline.unit}` : '') +
        (ratio === undefined ? '' : ` = ${ratio.toFixed(2)}×`) +
        (pass === undefined ? '' : pass ? ' PASS' : ' MISS'),
    )
  }
  log(`wrote ${OUTPUT}`)
  return failures.length > 0 ? 1 : 0
}

process.exitCode = await main()
