/**
 * The real app for the live fan-out benchmark: bench/servers/app-server.ts's setup (the
 * shared fixture, server/app.ts with the server's own options, logger off), plus the stats
 * routes of fanout-stats.ts. Readers subscribe anonymously to `sora` over `/api/live`; the
 * writer posts over REST. Prints `{ port, …targets, livePath, origin }` once listening.
 *
 * Its argument is an SQLite file's path or a Postgres database's URL; `--join` after a URL
 * makes it a further app server on a database another one has already set up, which learns of
 * the other's commits through the bus (server/live/bus.ts).
 */
import { serveStats, type FanoutTargets } from './fanout-stats.ts'
import { pathsOf, PUBLIC_URL, serveApp } from './fixture.ts'

const [location, flag] = process.argv.slice(2)
if (!location || (flag !== undefined && flag !== '--join')) {
  throw new Error('usage: fanout-app-server.ts <database path or postgres:// URL> [--join]')
}

await serveApp(
  location,
  (fixture): FanoutTargets => ({
    ...pathsOf(fixture),
    writeHeaders: { cookie: fixture.cookie, origin: PUBLIC_URL },
    livePath: '/api/live',
    origin: PUBLIC_URL,
    subscribe: { type: 'subscribe', debate: fixture.debate.slug },
  }),
  (server) => {
    // Test seam: the benchmark's 2,000 readers all come from the loopback address, beyond the
    // per-address cap that a real lecture hall behind one NAT stays within.
    server.hub.options.maxSocketsPerAddress = Number.MAX_SAFE_INTEGER
    serveStats(server, () => server.hub.size)
  },
  { join: flag === '--join' },
)
