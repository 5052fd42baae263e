/**
 * Resume under churn: sockets follow the debate while writers post; sockets are dropped at
 * random (clean close or abrupt terminate) and reconnect with `since` = the last seq they
 * applied, and the server is restarted in between (SIGTERM and kill -9). Every socket must
 * see a strictly increasing seq without gap or duplicate, and every comment created exactly
 * once (or in the REST reload after a `reset`).
 */
import { check, n, scaled, type Experiment } from './experiment.ts'
import { Follower, snapshot } from './follower.ts'
import { Http, paragraphAnchors } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'
import { Writers } from './writers.ts'

export const resumeUnderChurn: Experiment = async ({ seed, scale }) => {
  const random = new Random(seed)
  const drops = scaled(300, scale, 4)
  const restarts = scaled(3, scale)
  const socketCount = scaled(20, scale, 4)
  const server = await ServerProcess.start()
  const http = new Http(server.url, server.origin)
  const followers: Follower[] = []
  try {
    const accounts = await http.register(scaled(50, scale, 10), 'writer')
    const writers = new Writers(http, accounts, await paragraphAnchors(http), random.fork(), { writers: 5, pauseMs: 100 })
    const start = await snapshot(http)
    for (let i = 0; i < socketCount; i++) followers.push(new Follower(server.wsUrl, server.origin, http, start))
    await Promise.all(followers.map((f) => f.connect()))
    writers.start()
    // Restarts fall evenly among the drops, alternating SIGTERM and kill -9.
    const restartAt = new Set(Array.from({ length: restarts }, (_, i) => Math.round(((i + 1) * drops) / (restarts + 1))))
    const restartKinds: string[] = []
    let clean = 0
    for (let drop = 1; drop <= drops; drop++) {
      await sleep(random.int(10, 120))
      const abrupt = random.chance(0.5)
      if (!abrupt) clean++
      random.pick(followers).drop(abrupt)
      if (restartAt.has(drop)) {
        const kill = restartKinds.length % 2 === 1
        restartKinds.push(kill ? 'kill -9' : 'SIGTERM')
        writers.down()
        if (kill) await server.kill()
        else await server.terminate()
        await sleep(random.int(0, 300))
        await server.boot()
        writers.up()
      }
    }
    await writers.finish()
    await Promise.all(followers.map((f) => f.sync()))
    const final = await snapshot(http)
    const created = [...writers.acknowledged.values()].map((a) => a.id)
    let gaps = 0
    let duplicates = 0
    let twice = 0
    let missing = 0
    let behind = 0
    const notes: string[] = []
    for (const [i, f] of followers.entries()) {
      gaps += f.gaps.length
      duplicates += f.duplicates.length
      const doubled = [...f.announced].filter(([, count]) => count > 1).length
      const unseen = created.filter((id) => !f.announced.has(id) && !f.reloaded.has(id))
      twice += doubled
      missing += unseen.length
      if (f.last !== final.seq) behind++
      if (f.gaps.length + f.duplicates.length + doubled + unseen.length > 0 && notes.length < 5) {
        notes.push(
          `socket ${i}: gaps ${f.gaps.slice(0, 3).join(', ')}; duplicates ${f.duplicates.slice(0, 3).join(', ')}; unseen ${unseen.slice(0, 5).join(', ')}`,
        )
      }
    }
    const resets = followers.reduce((sum, f) => sum + f.resets, 0)
    const reconnects = followers.reduce((sum, f) => sum + f.connections - 1, 0)
    return {
      name: 'resume under churn',
      figures: {
        sockets: socketCount,
        drops,
        'clean closes': clean,
        'abrupt terminates': drops - clean,
        restarts: restartKinds.join(', '),
        reconnects,
        resets,
        'comments created': created.length,
        'final seq': final.seq,
      },
      checks: [
        check(
          'every socket: strictly increasing seq, 0 duplicates',
          duplicates === 0,
          `${n(duplicates)} over ${socketCount} sockets, ${n(reconnects)} reconnects`,
        ),
        check('every socket: 0 gaps', gaps === 0, `${n(gaps)}`),
        check(
          'every created comment seen exactly once by every socket (or in its reload after a reset)',
          twice === 0 && missing === 0 && behind === 0,
          `${n(missing)} missed, ${n(twice)} seen twice, ${behind} sockets short of seq ${final.seq}; ${n(created.length)} comments × ${socketCount} sockets, ${resets} resets`,
        ),
      ],
      notes: [...notes, ...writers.notes, ...server.crashes.map((c) => `crash ${c.exit.signal ?? c.exit.code}: ${c.output.slice(-500)}`)],
    }
  } finally {
    for (const f of followers) f.stop()
    http.close()
    await server.dispose()
  }
}
