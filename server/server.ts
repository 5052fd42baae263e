/**
 * Starts Marginalia: configuration, database (migrated, seeded), logger, listen, and a
 * graceful shutdown that closes sockets (1001) and the database.
 */
import Fastify from 'fastify'
import { openDatabase } from '../db/client.ts'
import { migrateDatabase } from '../db/migrate.ts'
import app, { serverOptions } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createRepositories } from './repositories/index.ts'
import { seedDefaultDebate } from './seed.ts'

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
  const db = openDatabase(config.databasePath)
  migrateDatabase(db)
  const server = Fastify(serverOptions(config, { level: config.logLevel }))
  if (seedDefaultDebate(createRepositories(db, config))) server.log.info('imported the default essay and opened the debate "sora"')
  await server.register(app, { config, db })

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    server.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await server.close()
    db.$client.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await server.listen({ port: config.port, host: config.host })
  server.log.info(`Marginalia serves ${config.publicUrl.origin}/d/sora`)
}

await main()
