/**
 * The comment API under load, beside a bare Fastify + better-sqlite3 handler doing the same
 * database work: reading a paragraph thread of 50 comments, and posting a comment. Targets:
 * the app's read path at ≥ 0.7× the bare handler's throughput, its write path at ≥ 0.5×.
 */
import { join } from 'node:path'
import type { Request } from 'autocannon'
import { compareUnderLoad, throughputFigure, type LoadTarget } from './harness/load.ts'
import type { ServerHandle } from './harness/servers.ts'
import type { BenchContext, Row } from './harness/types.ts'
import { THREAD_SIZE, type Targets } from './servers/fixture.ts'

type Server = ServerHandle<Targets>

const NEW_COMMENT = {
  body: 'Ein Einwand zum zweiten Absatz: Auch Kuratieren ist eine Form von Kreativität, keine passive.',
  stance: 'contra',
}

// One counter for the whole run, so no two posts of either server share a clientKey and the
// app never answers a post from its idempotency check instead of inserting.
let posted = 0

export async function commentsBenchmark(ctx: BenchContext): Promise<Row[]> {
  const app = await ctx.startServer<Targets>('app-server.ts', [join(ctx.tmpDir, 'app.db')])
  const bare = await ctx.startServer<Targets>('bare-server.ts', [join(ctx.tmpDir, 'bare.db')])
  const appRead = await checkRead(app)
  const bareRead = await checkRead(bare)
  // The baseline must keep up with the API's comment shape, or it serialises less than the app.
  if (appRead.fields !== bareRead.fields) {
    throw new Error(
      `the baseline's comment fields (${bareRead.fields}) differ from the app's (${appRead.fields}): update bench/servers/bare-server.ts`,
    )
  }
  await checkWrite(app)
  await checkWrite(bare)

  const read = await compareUnderLoad(ctx, 'read thread', readTarget(app), readTarget(bare))
  const write = await compareUnderLoad(ctx, 'post comment', writeTarget(app), writeTarget(bare))
  const grown = await threadSize(app, app.info.writePath)
  await Promise.all([app.stop(), bare.stop()])

  return [
    {
      title: `Read a paragraph thread (${THREAD_SIZE} comments)`,
      measured:
        `\`GET ${app.info.readPath}\` as an anonymous reader: the whole thread, ${THREAD_SIZE} comments ` +
        `(arguments and replies two levels deep), ${kib(appRead.bytes)} of JSON from the app, ${kib(bareRead.bytes)} from the baseline.`,
      better: 'higher',
      app: throughputFigure(read.app),
      baseline: throughputFigure(read.baseline),
      target: { ratio: 0.7 },
      notes: [
        'App: session and client-id hooks, debate by slug, read permission, paragraph by anchor, the thread ' +
          'query through drizzle, threading and sorting, response-schema serialisation, security headers.',
        'Baseline: one prepared statement (the same join of comments, users and blocks, same order) for ids ' +
          'fixed at start-up, mapped to the same comment shape and sent with JSON.stringify.',
      ],
    },
    {
      title: 'Post a comment',
      measured:
        `\`POST ${app.info.writePath}\` as one signed-in reader, each request with a fresh clientKey, ` +
        'committed to the SQLite file (WAL, synchronous=FULL) before the reply.',
      better: 'higher',
      app: throughputFigure(write.app),
      baseline: throughputFigure(write.baseline),
      target: { ratio: 0.5 },
      notes: [
        'App: origin check, session lookup, body validation, debate and paragraph lookups, participation ' +
          'check, rate limit, then one transaction: clientKey lookup, insert, read-back of the comment, ' +
          "event append (debate seq + event row) and the paragraph's counts; publish to the live hub " +
          '(no sockets connected); 201 with the comment.',
        'Baseline: the same insert into comments (prepared, fixed debate, paragraph and author) in its own ' +
          'implicit transaction; 201 with the new id.',
        `Every post goes to the same paragraph, which held ${grown.toLocaleString('en-US')} comments in the app's ` +
          'database by the end (warm-ups included); work that grows with the thread shows up here.',
        'The per-user comment limit (20 a minute) is lifted in the benchmark server; rate limiting is not what is measured.',
      ],
    },
  ]
}

function readTarget(server: Server): LoadTarget {
  return { url: server.url, requests: [{ method: 'GET', path: server.info.readPath }] }
}

function writeTarget(server: Server): LoadTarget {
  const request: Request = {
    method: 'POST',
    path: server.info.writePath,
    headers: { 'content-type': 'application/json', ...server.info.writeHeaders },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...NEW_COMMENT, clientKey: `bench-${++posted}` }) }),
  }
  return { url: server.url, requests: [request] }
}

/** Fails early, with the server's answer, when the thread is not what the benchmark reads. */
async function checkRead(server: Server): Promise<{ bytes: number; fields: string }> {
  const res = await fetch(`${server.url}${server.info.readPath}`)
  const text = await res.text()
  const comments = res.ok ? (JSON.parse(text) as { comments: Record<string, unknown>[] }).comments : []
  if (comments.length !== THREAD_SIZE) {
    throw new Error(`GET ${server.info.readPath} answered ${res.status} with ${comments.length} comments: ${text.slice(0, 200)}`)
  }
  return {
    bytes: Buffer.byteLength(text),
    fields: Object.keys(comments[0] ?? {})
      .sort()
      .join(', '),
  }
}

async function threadSize(server: Server, path: string): Promise<number> {
  const res = await fetch(`${server.url}${path}`)
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`)
  return ((await res.json()) as { comments: unknown[] }).comments.length
}

async function checkWrite(server: Server): Promise<void> {
  const res = await fetch(`${server.url}${server.info.writePath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.info.writeHeaders },
    body: JSON.stringify({ ...NEW_COMMENT, clientKey: `check-${++posted}` }),
  })
  if (res.status !== 201) throw new Error(`POST ${server.info.writePath} answered ${res.status}: ${(await res.text()).slice(0, 200)}`)
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}
