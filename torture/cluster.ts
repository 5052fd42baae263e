/**
 * Several app servers on one Postgres database: sockets spread over them and reconnecting to
 * any of them, writers posting to whichever they pick, and the servers stopped (SIGTERM) and
 * killed (kill -9) in turn and started again. Every socket must see every event exactly once
 * and in order, whichever servers it went through, and no acknowledged comment may be lost.
 *
 * Needs a Postgres server to make a throwaway database on: `MARGINALIA_TEST_POSTGRES`.
 */
import { createPostgresTestDb } from '../db/postgres.ts'
import { createRepositories } from '../server/repositories/index.ts'
import { loadConfig } from '../server/config.ts'
import { seedDefaultDebate } from '../server/seed.ts'
import { check, n, scaled, type Experiment } from './experiment.ts'
import { differences, Follower, snapshot } from './follower.ts'
import { Http, paragraphAnchors, type Outcome } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'
import { Writers } from './writers.ts'

/** The one public origin every server answers for, as behind a reverse proxy. */
const ORIGIN = 'http://marginalia.test'

/** HTTP to a server picked at random for every request. */
class ClusterHttp extends Http {
  constructor(
    private readonly nodes: Http[],
    private readonly random: Random,
  ) {
    super(nodes[0]!.base, ORIGIN)
  }

  override send(method: string, path: string, options: { cookie?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Outcome> {
    return this.random.pick(this.nodes).send(method, path, options)
  }

  override close(): void {
    for (const node of this.nodes) node.close()
  }
}

export const multiNode: Experiment = async ({ seed, scale, cycles }) => {
  const postgres = process.env.MARGINALIA_TEST_POSTGRES?.trim()
  if (!postgres) throw new Error('the multi-node experiment needs MARGINALIA_TEST_POSTGRES, a Postgres server to make its database on')
  const random = new Random(seed)
  const nodeCount = 3
  const socketCount = scaled(30, scale, 6)
  const drops = scaled(200, scale, 6)
  const outages = cycles ?? scaled(6, scale, 2)
  const db = await createPostgresTestDb(postgres)
  const nodes: ServerProcess[] = []
  const followers: Follower[] = []
  let http: ClusterHttp | undefined
  try {
    // Seeded once, before the servers start.
    await seedDefaultDebate(createRepositories(db, loadConfig({})))
    for (let i = 0; i < nodeCount; i++) nodes.push(await ServerProcess.start({ DATABASE_URL: db.url, PUBLIC_URL: ORIGIN }))
    http = new ClusterHttp(
      nodes.map((node) => new Http(node.url, ORIGIN)),
      random.fork(),
    )
    const accounts = await http.register(scaled(40, scale, 10), 'writer')
    const writers = new Writers(http, accounts, await paragraphAnchors(http), random.fork(), { writers: 6, pauseMs: 60 })
    const start = await snapshot(http)
    const pick = random.fork()
    for (let i = 0; i < socketCount; i++) followers.push(new Follower(() => pick.pick(nodes).wsUrl, ORIGIN, http, start))
    await Promise.all(followers.map((f) => f.connect()))
    writers.start()
    const outageAt = new Set(Array.from({ length: outages }, (_, i) => Math.round(((i + 1) * drops) / (outages + 1))))
    const kinds: string[] = []
    for (let drop = 1; drop <= drops; drop++) {
      await sleep(random.int(10, 100))
      random.pick(followers).drop(random.chance(0.5))
      if (!outageAt.has(drop)) continue
      // One server goes down while the others serve on; its sockets reconnect to them.
      const node = nodes[kinds.length % nodeCount]!
      const kill = kinds.length % 2 === 1
      kinds.push(kill ? 'kill -9' : 'SIGTERM')
      if (kill) await node.kill()
      else await node.terminate()
      await sleep(random.int(100, 600))
      await node.boot()
    }
    await writers.finish()
    await Promise.all(followers.map((f) => f.sync()))
    const final = await snapshot(http)
    const created = [...writers.acknowledged.values()].map((a) => a.id)
    const lost = created.filter((id) => !final.comments.has(id))
    let gaps = 0
    let duplicates = 0
    let missing = 0
    let diverged = 0
    const notes: string[] = []
    for (const [i, f] of followers.entries()) {
      gaps += f.gaps.length
      duplicates += f.duplicates.length
      const unseen = created.filter((id) => !f.announced.has(id) && !f.reloaded.has(id))
      missing += unseen.length
      const differ = differences(f.state, final)
      if (differ.length > 0 || f.last !== final.seq) diverged++
      if (f.gaps.length + f.duplicates.length + unseen.length + differ.length > 0 && notes.length < 5) {
        notes.push(
          `socket ${i}: gaps ${f.gaps.slice(0, 3).join(', ')}; duplicates ${f.duplicates.slice(0, 3).join(', ')}; unseen ${unseen.slice(0, 5).join(', ')}; ${differ.slice(0, 3).join('; ')}`,
        )
      }
    }
    const reconnects = followers.reduce((sum, f) => sum + f.connections - 1, 0)
    return {
      name: 'several app servers on one Postgres',
      figures: {
        servers: nodeCount,
        sockets: socketCount,
        drops,
        outages: kinds.join(', '),
        reconnects,
        resets: followers.reduce((sum, f) => sum + f.resets, 0),
        'comments acknowledged': created.length,
        'final seq': final.seq,
      },
      checks: [
        check('every socket: 0 gaps', gaps === 0, n(gaps)),
        check('every socket: 0 duplicates', duplicates === 0, `${n(duplicates)} over ${n(reconnects)} reconnects`),
        check('0 acknowledged comments lost', lost.length === 0, `${n(lost.length)} of ${n(created.length)}`),
        check(
          'every socket saw every comment and ends where the database is',
          missing === 0 && diverged === 0,
          `${n(missing)} unseen, ${diverged} of ${socketCount} sockets differ from seq ${final.seq}`,
        ),
      ],
      notes: [
        ...notes,
        ...writers.notes,
        ...nodes.flatMap((node) => node.crashes.map((c) => `crash ${c.exit.signal ?? c.exit.code}: ${c.output.slice(-500)}`)),
      ],
    }
  } finally {
    for (const f of followers) f.stop()
    http?.close()
    await Promise.all(nodes.map((node) => node.dispose()))
    await db.close()
  }
}
