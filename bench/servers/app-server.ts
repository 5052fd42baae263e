/**
 * The real app under load: server/app.ts with the server's own options, a temp-dir SQLite
 * file opened and migrated as server/server.ts does, logger off. Started by the benchmark
 * runner with the database path as its argument; prints `{ port, …targets }` once listening.
 */
import Fastify from 'fastify'
import app, { serverOptions } from '../../server/app.ts'
import { RateLimiter } from '../../server/plugins/app/rate-limiter.ts'
import { exitWhenAsked, pathsOf, prepareFixture, PUBLIC_URL, type Targets } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: app-server.ts <database path>')

const fixture = await prepareFixture(databasePath)
const server = Fastify(serverOptions(fixture.config, false))
await server.register(app, { config: fixture.config, db: fixture.db })
await server.ready()
// Test seam: one writer posts thousands of comments a second; rate limiting is not what is measured.
server.limits.commentsPerUser = new RateLimiter(1e9, 60_000)

exitWhenAsked(async () => {
  await server.close()
  fixture.db.$client.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: Targets = {
  ...pathsOf(fixture),
  writeHeaders: { cookie: fixture.cookie, origin: PUBLIC_URL },
}
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
