/**
 * `npm run torture`: runs the experiments in order, prints each one's figures and claims as
 * it finishes, and rewrites RELIABILITY.md with the date, the machine and one line per claim
 * with its figure and PASS or FAIL. The exit code is 1 when any claim failed.
 *
 * `TORTURE_SEED` repeats a run's random choices (the seed used is printed and written);
 * `TORTURE_CYCLES` sets the kill -9 cycles (30); `TORTURE_SCALE` scales every count and duration
 * (1); `TORTURE_OUTPUT` names another report than RELIABILITY.md. Experiment ids given as
 * arguments (`npm run torture -- resume fuzz`) run only those.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { freemem, loadavg, tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { fileSystemOf, machine } from '../bench/harness/report.ts'
import { cursorOutOfRange } from './cursor.ts'
import { killDurability } from './durability.ts'
import { check, passed, type Experiment, type ExperimentOptions, type ExperimentResult } from './experiment.ts'
import { frameFuzz } from './frame-fuzz.ts'
import { gracefulRestart } from './graceful.ts'
import { resumeUnderChurn } from './resume.ts'
import { slowConsumer } from './slow-consumer.ts'

interface Entry {
  id: string
  name: string
  run: Experiment | (() => Promise<Experiment | string>)
  /** Loaded when it runs, from a module that may not be there. */
  lazy?: true
}

/** An experiment in a module of its own that exports `run`; a message instead when it is missing. */
const optional = (file: string) => async (): Promise<Experiment | string> => {
  const url = new URL(file, import.meta.url)
  if (!existsSync(fileURLToPath(url))) return `torture/${file} is not there: skipped`
  return ((await import(url.href)) as { run: Experiment }).run
}

export const EXPERIMENTS: Entry[] = [
  { id: 'durability', name: 'kill -9 durability', run: killDurability },
  { id: 'graceful', name: 'graceful restart', run: gracefulRestart },
  { id: 'resume', name: 'resume under churn', run: resumeUnderChurn },
  { id: 'cursor', name: 'cursor ahead / far behind', run: cursorOutOfRange },
  { id: 'slow', name: 'slow consumer', run: slowConsumer },
  { id: 'fuzz', name: 'WebSocket frame fuzz', run: frameFuzz },
  { id: 'http-fuzz', name: 'HTTP fuzz', run: optional('http-fuzz.ts'), lazy: true },
  { id: 'hidden-leak', name: 'hidden content', run: optional('hidden-leak.ts'), lazy: true },
  { id: 'multi-node', name: 'several app servers on one Postgres', run: multiNodeIfPostgres, lazy: true },
]

/** The multi-node experiment, when a Postgres server is named to run it on. */
async function multiNodeIfPostgres(): Promise<Experiment | string> {
  if (!process.env.MARGINALIA_TEST_POSTGRES?.trim())
    return 'MARGINALIA_TEST_POSTGRES is not set: skipped (it names a Postgres server for the experiment)'
  return (await import('./cluster.ts')).multiNode
}

const OUTPUT = process.env.TORTURE_OUTPUT?.trim() || fileURLToPath(new URL('../RELIABILITY.md', import.meta.url))

function whole(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`)
  return value
}

function optionsFromEnv(): ExperimentOptions {
  const rawScale = process.env.TORTURE_SCALE?.trim()
  const scale = rawScale ? Number(rawScale) : 1
  if (!(scale > 0 && scale <= 10)) throw new Error(`TORTURE_SCALE must be a number above 0 and at most 10; got "${rawScale}"`)
  return {
    seed: whole('TORTURE_SEED', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1),
    scale,
    cycles: whole('TORTURE_CYCLES', Math.max(1, Math.round(30 * scale)), 1, 10_000),
  }
}

function selected(args: string[]): Entry[] {
  const unknown = args.filter((arg) => !EXPERIMENTS.some((e) => e.id === arg))
  if (unknown.length > 0)
    throw new Error(`unknown experiment ${unknown.join(', ')}; choose from ${EXPERIMENTS.map((e) => e.id).join(', ')}`)
  return args.length === 0 ? EXPERIMENTS : EXPERIMENTS.filter((e) => args.includes(e.id))
}

/** Runs one experiment; one that throws is reported as a failed claim, and the others still run. */
export async function runOne(entry: Entry, options: ExperimentOptions): Promise<ExperimentResult | string> {
  const started = performance.now()
  let result: ExperimentResult
  try {
    const experiment = entry.lazy ? await (entry.run as () => Promise<Experiment | string>)() : (entry.run as Experiment)
    if (typeof experiment === 'string') return experiment
    result = await experiment(options)
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
    result = {
      name: entry.name,
      figures: {},
      checks: [check('the experiment runs to its end', false, message.split('\n')[0]!)],
      notes: [message.slice(0, 2000)],
    }
  }
  result.figures = { ...result.figures, seconds: Math.round((performance.now() - started) / 1000) }
  return result
}

function print(result: ExperimentResult): void {
  const out = process.stdout
  out.write(`\n${result.name}\n`)
  for (const [key, value] of Object.entries(result.figures)) out.write(`  ${key}: ${value}\n`)
  for (const c of result.checks) out.write(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.claim} — ${c.figure}\n`)
  for (const note of result.notes ?? []) out.write(`  note: ${note.split('\n')[0]}\n`)
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function report(date: Date, options: ExperimentOptions, results: ExperimentResult[], skipped: string[], load: [number, number]): string {
  const lines = [
    '# Reliability',
    '',
    `Written by \`npm run torture\` on ${date.toISOString()} with \`TORTURE_SEED=${options.seed}\`` +
      ` \`TORTURE_CYCLES=${options.cycles}\` \`TORTURE_SCALE=${options.scale}\`; every run rewrites this file.`,
    '',
    '## Machine',
    '',
    ...machine(fileSystemOf(tmpdir())).map((l) => `- ${l}`),
    `- Free memory at the start: ${(freemem() / 2 ** 30).toFixed(1)} GiB; load average (1 min) before / after: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
    '',
    '## Claims',
    '',
    '| Experiment | Claim | Figure | Result |',
    '| --- | --- | --- | --- |',
    ...results.flatMap((r) =>
      r.checks.map((c) => `| ${cell(r.name)} | ${cell(c.claim)} | ${cell(c.figure)} | ${c.pass ? 'PASS' : '**FAIL**'} |`),
    ),
    ...skipped.map((s) => `| – | ${cell(s)} | – | – |`),
    '',
    ...results.flatMap((r) => [
      `## ${r.name}: ${passed(r) ? 'PASS' : 'FAIL'}`,
      '',
      ...Object.entries(r.figures).map(([k, v]) => `- ${k}: ${v}`),
      ...(r.notes?.length ? ['', 'Notes:', '', ...r.notes.map((note) => `- ${cell(note.slice(0, 600))}`)] : []),
      '',
    ]),
    '## How the figures are taken',
    '',
    '- Each experiment starts the real server (`node --import tsx server/server.ts`) in a child process on a fresh',
    '  SQLite file in a temporary directory, on a free port of 127.0.0.1, with `LOG_LEVEL=warn`, and talks to it only',
    '  over HTTP and WebSockets from this process; kills are `SIGKILL`, graceful stops `SIGTERM`.',
    "- Memory is the server process's resident set (`VmRSS` in `/proc/<pid>/status`).",
    '- Random choices (kill moments, drops, frames) come from one seeded generator: a run is repeated with its seed.',
    '- No claim rests on a timing: a claim fails only when something was lost, doubled, refused wrongly or crashed.',
    '',
  ]
  return lines.join('\n')
}

async function main(): Promise<number> {
  const options = optionsFromEnv()
  const entries = selected(process.argv.slice(2))
  const date = new Date()
  const loadBefore = loadavg()[0]!
  process.stdout.write(`torture: seed ${options.seed}, cycles ${options.cycles}, scale ${options.scale}\n`)
  const results: ExperimentResult[] = []
  const skipped: string[] = []
  for (const entry of entries) {
    process.stderr.write(`[torture] ${entry.name}…\n`)
    const result = await runOne(entry, options)
    if (typeof result === 'string') {
      process.stdout.write(`\n${result}\n`)
      skipped.push(result)
      continue
    }
    results.push(result)
    print(result)
  }
  writeFileSync(OUTPUT, report(date, options, results, skipped, [loadBefore, loadavg()[0]!]))
  const failed = results.filter((r) => !passed(r))
  process.stdout.write(
    `\nwrote ${OUTPUT}: ${results.length - failed.length} of ${results.length} experiments passed${failed.length ? `; failed: ${failed.map((r) => r.name).join(', ')}` : ''}\n`,
  )
  return failed.length > 0 ? 1 : 0
}

process.exit(await main())
