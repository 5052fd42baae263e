/**
 * The real app for the live fan-out benchmark: bench/servers/app-server.ts's setup (the
 * shared fixture, server/app.ts with the server's own options, logger off), plus the stats
 * routes of fanout-stats.ts. Readers subscribe anonymously to `sora` over `/api/live`; the
 * writer posts over REST. Prints `{ port, …targets, livePath, origin }` once listening.
 */
import Fastify from 'fastify'
import app, { serverOptions } from '../../server/app.ts'
import { RateLimiter } from '../../server/plugins/app/rate-limiter.ts'
import { serveStats, type FanoutTargets } from './fanout-stats.ts'
import { exitWhenAsked, pathsOf, prepareFixture, PUBLIC_URL } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: fanout-app-server.ts <database path>')

const fixture = await prepareFixture(databasePath)
const server = Fastify(serverOptions(fixture.config, false))
await server.register(app, { config: fixture.config, db: fixture.db })
serveStats(server, () => server.hub.size)
await server.ready()
// Test seam: one writer posts 20 comments a second; rate limiting is not what is measured.
server.limits.commentsPerUser = new RateLimiter(1e9, 60_000)

exitWhenAsked(async () => {
  await server.close()
  fixture.db.$client.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: FanoutTargets = {
  ...pathsOf(fixture),
  writeHeaders: { cookie: fixture.cookie, origin: PUBLIC_URL },
  livePath: '/api/live',
  origin: PUBLIC_URL,
  subscribe: { type: 'subscribe', debate: fixture.debate.slug },
}
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
