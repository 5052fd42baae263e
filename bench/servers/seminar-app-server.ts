/**
 * The real app for the seminar benchmark: bench/servers/app-server.ts's setup (the shared
 * fixture, server/app.ts with the server's own options, logger off) plus the stats routes of
 * fanout-stats.ts. Once the app runs, the fixture's signed-in reader opens a seminar on the
 * default essay through the API (`POST /api/seminars`) and moves it to the open phase, where
 * everyone sees everything; participants then join it with its code as guests. Prints
 * `{ port, …targets }` once listening.
 */
import { MemoryLimitStore, SharedRateLimiter } from '../../server/plugins/app/shared-limits.ts'
import { DEFAULT_ESSAY } from '../../server/seed.ts'
import { serveStats } from './fanout-stats.ts'
import { PUBLIC_URL, serveApp } from './fixture.ts'
import type { SeminarTargets } from './seminar-targets.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: seminar-app-server.ts <database path>')

await serveApp(
  databasePath,
  async (fixture, server): Promise<SeminarTargets> => {
    const leaderHeaders = { cookie: fixture.cookie, origin: PUBLIC_URL }
    const created = await server.inject({
      method: 'POST',
      url: '/api/seminars',
      headers: leaderHeaders,
      payload: { essay: DEFAULT_ESSAY, title: 'Sora im Seminar' },
    })
    if (created.statusCode !== 201) throw new Error(`POST /api/seminars answered ${created.statusCode}: ${created.body}`)
    const { debate, joinCode } = created.json<{ debate: { slug: string }; joinCode: string }>()
    const phase = await server.inject({
      method: 'PUT',
      url: `/api/debates/${debate.slug}/phase`,
      headers: leaderHeaders,
      payload: { phase: 'open' },
    })
    if (phase.statusCode !== 200) throw new Error(`PUT …/phase answered ${phase.statusCode}: ${phase.body}`)
    // Test seam: the leader steers faster than a person would; rate limiting is not what is measured.
    server.limits.writesPerUser = new SharedRateLimiter(new MemoryLimitStore(), server.limits.writesPerUser.name, 1e9, 60_000)
    return {
      slug: debate.slug,
      joinCode,
      anchors: (await server.repos.debates.blocksWithTallies(fixture.debate, null))
        .filter((b) => b.kind === 'paragraph')
        .map((b) => b.anchor),
      leaderHeaders,
      origin: PUBLIC_URL,
      livePath: '/api/live',
      subscribe: { type: 'subscribe', debate: debate.slug },
    }
  },
  (server) => {
    // Test seam: participants count each call's frames by the id of the call that caused them,
    // which the hub otherwise tells only the writing tab.
    server.hub.options.clientIdToAll = true
    serveStats(server, () => server.hub.size)
  },
)
