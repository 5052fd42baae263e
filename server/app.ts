/**
 * The whole application as one Fastify plugin. `server.ts` registers it with a file
 * database; tests register it on a fresh in-memory one and drive it with `app.inject`.
 */
import cookie from '@fastify/cookie'
import websocket from '@fastify/websocket'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import { fileURLToPath } from 'node:url'
import type { DB } from '../db/client.ts'
import type { Config } from './config.ts'
import { busFor } from './live/bus.ts'
import { LiveHub, type LiveOptions } from './live/hub.ts'
import auth from './plugins/app/auth.ts'
import errors, { sendError } from './plugins/app/errors.ts'
import limits from './plugins/app/limits.ts'
import origin from './plugins/app/origin.ts'
import { helmet, helmetOptions } from './plugins/external/helmet.ts'
import { registerClient } from './plugins/external/static.ts'
import { registerSwagger } from './plugins/external/swagger.ts'
import { Guardian } from './policy/guardian.ts'
import { createRepositories, type Repositories } from './repositories/index.ts'
import adminRoutes from './routes/api/admin/index.ts'
import authRoutes from './routes/api/auth/index.ts'
import commentRoutes from './routes/api/comments/index.ts'
import debateRoutes from './routes/api/debates/index.ts'
import groupRoutes from './routes/api/debates/groups.ts'
import roomRoutes from './routes/api/debates/room.ts'
import recordRoutes from './routes/api/debates/record.ts'
import seminarSteeringRoutes from './routes/api/debates/seminar.ts'
import moderationRoutes from './routes/api/moderation/index.ts'
import pollRoutes from './routes/api/polls/index.ts'
import seminarRoutes from './routes/api/seminars/index.ts'
import liveRoutes from './routes/live/index.ts'
import health from './routes/health.ts'
import { ErrorResponse } from './schemas/common.ts'
import { User } from './schemas/auth.ts'
import { Comment, Tally } from './schemas/comments.ts'
import { DebateSettings } from './schemas/debates.ts'
import { QueueItem } from './schemas/moderation.ts'
import { Person, Poll, QueueEntry, Room, Timer } from './schemas/seminars.ts'

export interface AppOptions {
  config: Config
  db: DB
  /** Where the built client lives; defaults to client/dist. */
  clientDir?: string
  /** Test seam: shorter heartbeats, smaller limits. */
  live?: Partial<LiveOptions>
}

export const MAX_FRAME_BYTES = 64 * 1024
export const MAX_BODY_BYTES = 64 * 1024

/** Options for the Fastify instance the app is registered on (server and tests alike). */
export function serverOptions(config: Config, logger: FastifyServerOptions['logger'] = false): FastifyServerOptions {
  return {
    logger,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: config.trustProxy,
    // Reject what the schemas do not name, and never coerce JSON bodies into other types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    // The router refuses some URLs (one that does not decode, an overlong parameter) before any
    // route or the error handler runs; they get the public error shape too, not Fastify's own.
    frameworkErrors: sendError as FastifyServerOptions['frameworkErrors'],
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    db: DB
    repos: Repositories
    guardian: Guardian
    hub: LiveHub
  }
}

async function app(instance: FastifyInstance, options: AppOptions): Promise<void> {
  const { config, db } = options
  const repos = createRepositories(db, config)
  const guardian = new Guardian(repos)
  const bus = busFor(db, instance.log)
  const hub = new LiveHub({ ...repos, db, guardian, bus, log: instance.log }, options.live)
  await hub.start()
  instance.decorate('config', config)
  instance.decorate('db', db)
  instance.decorate('repos', repos)
  instance.decorate('guardian', guardian)
  instance.decorate('hub', hub)
  instance.addHook('onClose', async () => {
    hub.close()
    await bus?.close()
  })

  for (const schema of [ErrorResponse, User, Comment, Tally, DebateSettings, QueueItem, Person, Poll, QueueEntry, Timer, Room]) {
    instance.addSchema(schema)
  }

  await instance.register(errors)
  await instance.register(helmet, helmetOptions(config))
  await instance.register(cookie)
  await instance.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    // Sockets close with 1001 (going away), and get a moment to answer before connections are cut.
    preClose: () => hub.shutdown(),
    errorHandler: (err, socket, request) => hub.socketError(err, socket, request.log),
  })
  await instance.register(limits)
  await instance.register(origin)
  await instance.register(auth)
  await registerSwagger(instance)

  await instance.register(health)
  await instance.register(authRoutes, { prefix: '/api/auth' })
  await instance.register(debateRoutes, { prefix: '/api/debates' })
  await instance.register(roomRoutes, { prefix: '/api/debates' })
  await instance.register(seminarSteeringRoutes, { prefix: '/api/debates' })
  await instance.register(groupRoutes, { prefix: '/api/debates' })
  await instance.register(recordRoutes, { prefix: '/api/debates' })
  await instance.register(seminarRoutes, { prefix: '/api' })
  await instance.register(pollRoutes, { prefix: '/api/polls' })
  await instance.register(commentRoutes, { prefix: '/api/comments' })
  await instance.register(moderationRoutes, { prefix: '/api' })
  await instance.register(adminRoutes, { prefix: '/api/admin' })
  await instance.register(liveRoutes, { prefix: '/api/live' })
  await registerClient(instance, options.clientDir ?? fileURLToPath(new URL('../client/dist', import.meta.url)))
}

export default fp(app, { name: 'marginalia' })
