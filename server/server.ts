/**
 * Starts Marginalia: configuration, database (migrated, seeded), logger, listen, and a
 * graceful shutdown that closes sockets (1001) and the database.
 *
 * Shutdown never cuts a request off: from SIGTERM on, requests are answered 503 and every
 * answer closes its connection; open connections get a moment to send their next request
 * (and those waiting to be accepted, to be accepted) before the server stops listening and
 * closes the idle ones; requests in flight finish; the whole shutdown is bounded.
 */
import Fastify from 'fastify'
import type { Server as NetServer } from 'node:net'
import { openDatabase } from '../db/client.ts'
import app, { serverOptions } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { DEFAULT_LIVE_OPTIONS } from './live/hub.ts'
import { createRepositories } from './repositories/index.ts'
import { seedDefaultDebate } from './seed.ts'

/** How long open keep-alive connections get to send one more request (answered 503) before idle ones are closed. */
const DRAIN_MS = 2_000
/** How long nothing must arrive before the drain ends early. */
const QUIET_MS = 250
/** The whole shutdown, after which the process exits regardless. */
const SHUTDOWN_MS = 10_000

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const db = await openDatabase(config.databaseUrl ?? config.databasePath)
  // Idle connections only: destroying the others would cut off requests in flight.
  const server = Fastify({ ...serverOptions(config, { level: config.logLevel }), forceCloseConnections: 'idle' })
  if (await seedDefaultDebate(createRepositories(db, config))) server.log.info('imported the default essay and opened the debate "sora"')
  await server.register(app, {
    config,
    db,
    live: { retention: { ...DEFAULT_LIVE_OPTIONS.retention, maxEvents: config.liveRetentionEvents } },
  })
  // The log is pruned hourly while the server runs, and at once after a start.
  await server.hub.prune()

  let closing = false
  let lastArrival = 0
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  // Runs after the socket hub's own preClose (1001 to every socket); Fastify answers 503 meanwhile.
  server.addHook('preClose', async () => {
    await drained(server.server, DRAIN_MS, () => lastArrival)
  })
  // When a connection or request last arrived: the listener closes in a quiet moment, since one
  // arriving as it closes (still in the kernel's accept queue, or not read yet) is reset.
  server.server.on('connection', () => {
    lastArrival = Date.now()
  })
  server.server.on('request', () => {
    lastArrival = Date.now()
  })
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    server.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      server.log.warn('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_MS)
    force.unref()
    await server.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await server.listen({ port: config.port, host: config.host })
  server.log.info(`Marginalia serves ${config.publicUrl.origin}/d/sora`)
}

/**
 * Waits until the server holds no connection, or nothing arrived for a moment (what is left
 * are idle keep-alive connections), or the time is up.
 */
async function drained(http: NetServer, ms: number, lastArrival: () => number): Promise<void> {
  const until = Date.now() + ms
  const open = () => new Promise<number>((resolve) => http.getConnections((err, count) => resolve(err ? 0 : count)))
  while (Date.now() < until && Date.now() - lastArrival() < QUIET_MS && (await open()) > 0) await sleep(25)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

await main()
