/**
 * The real app under load: server/app.ts with the server's own options, logger off, on a
 * temp-dir SQLite file or a Postgres database, opened and migrated as server/server.ts does.
 * Started by the benchmark runner with the database's path or `postgres://` URL as its
 * argument; prints `{ port, …targets }` once listening.
 */
import { pathsOf, PUBLIC_URL, serveApp, type Targets } from './fixture.ts'

const location = process.argv[2]
if (!location) throw new Error('usage: app-server.ts <database path or postgres:// URL>')

await serveApp(location, (fixture): Targets => ({
  ...pathsOf(fixture),
  writeHeaders: { cookie: fixture.cookie, origin: PUBLIC_URL },
}))
