import { defineConfig } from 'vitest/config'

/**
 * The server and live suites run on SQLite always, and a second time on Postgres when
 * `MARGINALIA_TEST_POSTGRES` names a server to make throwaway databases on (see db/testing.ts;
 * `.ci/run` starts one). Without it that half is skipped, and said so; in CI it must not be.
 */
const postgres = process.env.MARGINALIA_TEST_POSTGRES?.trim()
const SERVER_SUITES = ['tests/**/*.test.ts']
const NOT_SERVER = ['tests/client/**', 'tests/e2e/**']
// Run once: what only the embedded engine has (its file, its backups, its locks), what picks
// its engines itself (the copy between them, the multi-node experiment), and what needs none.
const ONCE = [
  'tests/server/db-copy.test.ts',
  'tests/server/migrations.test.ts',
  'tests/server/backup.test.ts',
  'tests/server/busy-database.test.ts',
  'tests/server/config.test.ts',
  'tests/server/cli.test.ts',
  'tests/torture/quick.test.ts',
  // No database at all.
  'tests/essays/**',
  'tests/server/rate-limiter.test.ts',
]

if (!postgres) {
  if (process.env.CI) throw new Error('CI runs the suites on Postgres too: set MARGINALIA_TEST_POSTGRES (see .ci/run)')
  console.warn('\n  The Postgres half of the server and live suites is skipped: set MARGINALIA_TEST_POSTGRES=postgres://… to run it.\n')
}

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'server', include: SERVER_SUITES, exclude: NOT_SERVER, environment: 'node' },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'server-postgres',
                include: SERVER_SUITES,
                exclude: [...NOT_SERVER, ...ONCE],
                environment: 'node',
                env: { TEST_DATABASE_URL: postgres },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: { name: 'client', include: ['tests/client/**/*.test.ts'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
    testTimeout: 20_000,
    // Two files at a time, whatever the default (one fewer than the cores): most of a file's time
    // is spent waiting for sockets, a browser or the database, not computing.
    maxWorkers: 2,
  },
})
