/**
 * The seminar record of a large class: 200 participants and 3,000 arguments (record-server.ts).
 * Times the leader's `GET …/record` (what the record page loads) and each export, from request to
 * the last byte, and the replay's `GET …/record/log`, on an otherwise idle server; beside a bare
 * handler reading the same tables whole with better-sqlite3 in the same run. Targets: the record
 * and the replay's log in ≤ 1 s, each export in ≤ 2 s.
 */
import { join } from 'node:path'
import { median } from './harness/load.ts'
import type { ServerHandle } from './harness/servers.ts'
import type { BenchContext, Figure, Row } from './harness/types.ts'
import { ARGUMENTS, PARTICIPANTS, RECORD_FILES, type RecordTargets } from './servers/record-targets.ts'

const TRIES = 7

export async function recordBenchmark(ctx: BenchContext): Promise<Row[]> {
  const app = await ctx.startServer<RecordTargets>('record-server.ts', [join(ctx.tmpDir, 'record-app.db')])
  const bare = await ctx.startServer<RecordTargets>('record-server.ts', [join(ctx.tmpDir, 'record-bare.db'), 'bare'])
  try {
    const scale = `${PARTICIPANTS} participants, ${ARGUMENTS.toLocaleString('en-US')} arguments`
    const rows: Row[] = []
    const opened = await compare(ctx, 'record', app, bare, (t) => t.paths.record)
    rows.push({
      title: `Open the record of a seminar (${scale})`,
      measured: `\`GET ${app.info.paths.record}\` as its leader: the whole record as JSON, from request to last byte; median of ${TRIES}.`,
      better: 'lower',
      ...opened,
      target: { limit: 1000 },
      notes: [
        'App: participation over every table, marks by the rule, timeline from the event log, polls, every paragraph with its strongest arguments and replies, the moderation log, response schema.',
        'Baseline: every table the record reads (comments, versions, votes, positions, polls and their votes, members, events), whole, as plain better-sqlite3 reads sent with JSON.stringify.',
      ],
    })
    for (const file of RECORD_FILES) {
      const measured = await compare(ctx, file, app, bare, (t) => t.paths.files[file]!)
      rows.push({
        title: `Export ${file} (${scale})`,
        measured: `\`GET ${app.info.paths.files[file]}\` as its leader, from request to last byte; median of ${TRIES}.`,
        better: 'lower',
        ...measured,
        target: { limit: 2000 },
      })
    }
    const log = await compare(ctx, 'log', app, bare, (t) => t.paths.log)
    rows.push({
      title: `Open the replay of a seminar (${scale})`,
      measured: `\`GET ${app.info.paths.log}\` as its leader: every event of the log with its time, from request to last byte; median of ${TRIES}.`,
      better: 'lower',
      ...log,
      target: { limit: 1000 },
      notes: [
        'App: every event read in order, each shown by the live rules to the leader (the comments in it as they may see them now), with its time, response schema.',
        "Baseline: the debate's rows of the events table, whole and in order, as plain better-sqlite3 reads sent with JSON.stringify.",
      ],
    })
    return rows
  } finally {
    await Promise.all([app.stop(), bare.stop()])
  }
}

async function compare(
  ctx: BenchContext,
  name: string,
  app: ServerHandle<RecordTargets>,
  bare: ServerHandle<RecordTargets>,
  path: (targets: RecordTargets) => string,
): Promise<{ app: Figure; baseline: Figure }> {
  const appTimes: number[] = []
  const bareTimes: number[] = []
  // One warm-up each, then app and baseline in turn.
  await fetched(app, path(app.info))
  await fetched(bare, path(bare.info))
  for (let i = 0; i < TRIES; i++) {
    appTimes.push(await fetched(app, path(app.info)))
    bareTimes.push(await fetched(bare, path(bare.info)))
  }
  ctx.log(`${name}: app ${Math.round(median(appTimes))} ms, baseline ${Math.round(median(bareTimes))} ms`)
  return { app: figure(appTimes), baseline: figure(bareTimes) }
}

async function fetched(server: ServerHandle<RecordTargets>, path: string): Promise<number> {
  const start = performance.now()
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: server.info.cookie } })
  const body = await res.arrayBuffer()
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 200)}`)
  return performance.now() - start
}

function figure(times: number[]): Figure {
  return {
    value: Math.round(median(times)),
    unit: 'ms',
    detail: `min ${Math.round(Math.min(...times))} ms, max ${Math.round(Math.max(...times))} ms`,
  }
}
