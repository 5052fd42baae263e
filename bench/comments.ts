/**
 * The comment API under load, beside a bare Fastify handler doing the same database work:
 * reading a paragraph thread of 50 comments, and posting a comment. Both run on SQLite (the
 * baseline: better-sqlite3) and, when `MARGINALIA_TEST_POSTGRES` names a server, on Postgres
 * (the baseline: a node-postgres pool), each server on a fresh database of its own. Targets on
 * either engine: the app's read path at ≥ 0.7× the bare handler's throughput, its write path at ≥ 0.5×.
 *
 * On Postgres the write target is measured against a baseline that runs the statements of the
 * app's post (bench/servers/bare-pg-server.ts `transaction`): each statement is a round trip
 * there, and the posts to one debate take turns from the first to the commit (commit order is seq
 * order), so a bare single insert measures that design, not the app. The row against the bare
 * insert is reported beside it, without a target, to show what the design costs.
 */
import { join } from 'node:path'
import type { Request } from 'autocannon'
import { compareUnderLoad, throughputFigure, type LoadTarget } from './harness/load.ts'
import { describePostgres, POSTGRES_SKIPPED, PostgresDatabases, postgresServer } from './harness/postgres.ts'
import type { ServerHandle } from './harness/servers.ts'
import type { BenchContext, Row } from './harness/types.ts'
import { THREAD_SIZE, type Targets } from './servers/fixture.ts'

type Server = ServerHandle<Targets>

const NEW_COMMENT = {
  body: 'Ein Einwand zum zweiten Absatz: Auch Kuratieren ist eine Form von Kreativität, keine passive.',
  stance: 'contra',
}

const READ_TITLE = `Read a paragraph thread (${THREAD_SIZE} comments)`
const WRITE_TITLE = 'Post a comment'
const POSTGRES = ', Postgres'
const BESIDE_INSERT = ', beside a bare insert'

// One counter for the whole run, so no two posts of any server share a clientKey and the
// app never answers a post from its idempotency check instead of inserting.
let posted = 0

/** What differs between the engines in what a row says. */
interface Engine {
  /** Appended to the titles; the SQLite rows keep their titles of old. */
  suffix: string
  /** Where a post is committed before the reply. */
  committed: string
  /** How the baseline runs the thread query. */
  baselineQuery: string
  /** What the app's transaction does on this engine before its first statement. */
  transaction: string
  notes: string[]
  /** The arguments of a baseline that runs the statements of the app's post; without it the write row compares with the bare insert. */
  sameStatements?: string[]
}

export async function commentsBenchmark(ctx: BenchContext): Promise<Row[]> {
  const rows = await measureEngine(ctx, [join(ctx.tmpDir, 'app.db')], 'bare-server.ts', [join(ctx.tmpDir, 'bare.db')], {
    suffix: '',
    committed: 'committed to the SQLite file (WAL, synchronous=FULL) before the reply',
    baselineQuery: 'one prepared statement',
    transaction: 'one transaction',
    notes: [],
  })

  const serverUrl = postgresServer()
  if (!serverUrl) {
    for (const title of [READ_TITLE, WRITE_TITLE, `${WRITE_TITLE}${BESIDE_INSERT}`]) ctx.skip(`${title}${POSTGRES}`, POSTGRES_SKIPPED)
    return rows
  }
  const databases = new PostgresDatabases(serverUrl)
  try {
    const [appDb, bareDb, sameDb] = [await databases.fresh(), await databases.fresh(), await databases.fresh()]
    const server = await describePostgres(appDb)
    rows.push(
      ...(await measureEngine(ctx, [appDb.url], 'bare-pg-server.ts', [bareDb.url], {
        suffix: POSTGRES,
        committed: 'committed to Postgres before the reply',
        baselineQuery: 'one named statement',
        transaction: "one transaction (READ COMMITTED, on a connection of the pool, the debate's advisory lock taken first)",
        sameStatements: [sameDb.url, 'transaction'],
        notes: [
          "The baseline's node-postgres pool holds 20 connections, as the app's does.",
          `Each server has a database of its own on ${server}, fresh from the migrated template and seeded by the same ` +
            'fixture; the Postgres backends run on the same cores as the server and the load generator.',
        ],
      })),
    )
  } finally {
    await databases.dropAll()
  }
  return rows
}

/** The read and the write benchmark on one engine: the app and its baseline, each on a database of its own. */
async function measureEngine(ctx: BenchContext, appArgs: string[], bareScript: string, bareArgs: string[], engine: Engine): Promise<Row[]> {
  const app = await ctx.startServer<Targets>('app-server.ts', appArgs)
  const bare = await ctx.startServer<Targets>(bareScript, bareArgs)
  const same = engine.sameStatements && (await ctx.startServer<Targets>(bareScript, engine.sameStatements))
  try {
    return await compareServers(ctx, app, bare, same, engine)
  } finally {
    await Promise.all([app.stop(), bare.stop(), same?.stop()])
  }
}

async function compareServers(ctx: BenchContext, app: Server, bare: Server, same: Server | undefined, engine: Engine): Promise<Row[]> {
  const appRead = await checkRead(app)
  const bareRead = await checkRead(bare)
  // The baseline must keep up with the API's comment shape, or it serialises less than the app.
  if (appRead.fields !== bareRead.fields) {
    throw new Error(
      `the baseline's comment fields (${bareRead.fields}) differ from the app's (${appRead.fields}): update threadComment in bench/servers/fixture.ts`,
    )
  }
  await checkWrite(app)
  await checkWrite(bare)
  if (same) await checkWrite(same)

  const label = engine.suffix ? ` (${engine.suffix.replace(/^, /, '')})` : ''
  const read = await compareUnderLoad(ctx, `read thread${label}`, readTarget(app), readTarget(bare))
  const write = await compareUnderLoad(ctx, `post comment${label}`, writeTarget(app), writeTarget(bare))
  const sameWrite = same && (await compareUnderLoad(ctx, `post comment${label}, same statements`, writeTarget(app), writeTarget(same)))
  const grown = await threadSize(app, app.info.writePath)
  const appPost =
    'App: origin check, session lookup, body validation, debate and paragraph lookups, participation ' +
    `check, rate limit, then ${engine.transaction}: clientKey lookup, insert, read-back of the comment, ` +
    "the paragraph's counts and the event append (debate seq + event row); publish to the live hub " +
    '(no sockets connected); 201 with the comment.'
  const barePost =
    'Baseline: the same insert into comments (prepared, fixed debate, paragraph and author) in its own ' +
    'implicit transaction; 201 with the new id.'
  const sameWork =
    "Baseline: the app's post as plain node-postgres, statement for statement and in the same order: " +
    "one transaction, the debate's advisory lock, the clientKey lookup, the insert, the read-back through " +
    "the app's own comment statement, the counts, the seq bump and the event row; 201 with the comment."
  const postNotes = [
    `Every post goes to the same paragraph, which held ${grown.toLocaleString('en-US')} comments in the app's ` +
      'database by the end (warm-ups included); work that grows with the thread shows up here.',
    'The per-user comment limit (20 a minute) is lifted in the benchmark server; rate limiting is not what is measured.',
    ...engine.notes,
  ]
  const measured = `\`POST ${app.info.writePath}\` as one signed-in reader, each request with a fresh clientKey, ${engine.committed}.`

  return [
    {
      title: `${READ_TITLE}${engine.suffix}`,
      measured:
        `\`GET ${app.info.readPath}\` as an anonymous reader: the whole thread, ${THREAD_SIZE} comments ` +
        `(arguments and replies two levels deep), ${kib(appRead.bytes)} of JSON from the app, ${kib(bareRead.bytes)} from the baseline.`,
      better: 'higher',
      app: throughputFigure(read.app),
      baseline: throughputFigure(read.baseline),
      target: { ratio: 0.7 },
      notes: [
        'App: session and client-id hooks, the debate and its paragraph in one statement, read permission, the ' +
          "thread statement (started at once from the paragraph's ids as last found, so on Postgres the two run " +
          'side by side), threading and sorting, response-schema serialisation, security headers.',
        `Baseline: the app's own thread statement as ${engine.baselineQuery} (comments with their author's ` +
          "name, pseudonym, guest and role marks, the viewer's votes and the paragraph's anchor, same order) " +
          'for ids fixed at start-up, mapped to the same comment shape and sent with JSON.stringify.',
        ...engine.notes,
      ],
    },
    {
      title: `${WRITE_TITLE}${engine.suffix}`,
      measured,
      better: 'higher',
      app: throughputFigure((sameWrite ?? write).app),
      baseline: throughputFigure((sameWrite ?? write).baseline),
      target: { ratio: 0.5 },
      notes: [appPost, sameWrite ? sameWork : barePost, ...postNotes],
    },
    ...(sameWrite
      ? [
          {
            title: `${WRITE_TITLE}${engine.suffix}${BESIDE_INSERT}`,
            measured,
            better: 'higher' as const,
            app: throughputFigure(write.app),
            baseline: throughputFigure(write.baseline),
            notes: [
              appPost,
              barePost,
              "No target: the bare insert neither appends to the event log nor takes the debate's turn, so the " +
                "posts to one paragraph wait on each other only for the insert's own round trip; the app's posts " +
                'to one debate wait on each other for the whole transaction, eight round trips.',
              ...postNotes,
            ],
          },
        ]
      : []),
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
