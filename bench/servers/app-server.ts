/**
 * The real app under load: server/app.ts with the server's own options, a temp-dir SQLite
 * file opened and migrated as server/server.ts does, logger off. Started by the benchmark
 * runner with the database path as its argument; prints `{ port, …targets }` once listening.
 */
import { pathsOf, PUBLIC_URL, serveApp, type Targets } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: app-server.ts <database path>')

await serveApp(databasePath, (fixture): Targets => ({
  ...pathsOf(fixture),
  writeHeaders: { cookie: fixture.cookie, origin: PUBLIC_URL },
}))
