/**
 * The real app inside the experiment's own process, on a fresh migrated database (db/testing.ts)
 * with the default debate: driven with `app.inject`, or listening on an ephemeral 127.0.0.1
 * port when a socket is needed. The same assembly as tests/helper.ts, without vitest, so the
 * torture runner can use it outside the test runner. Also the people the experiments act as.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { createTestDb } from '../db/testing.ts'
import app, { serverOptions } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { createRepositories } from '../server/repositories/index.ts'
import { seedDefaultDebate } from '../server/seed.ts'

/** The origin the app accepts state changes from. */
export const ORIGIN = 'http://localhost:3000'

export interface InProcess {
  app: FastifyInstance
  /** `ws://127.0.0.1:<port>/api/live` when listening, else null. */
  liveUrl: string | null
  close: () => Promise<void>
}

export async function startApp(options: { listen?: boolean } = {}): Promise<InProcess> {
  const config = loadConfig({ PUBLIC_URL: ORIGIN })
  const db = await createTestDb()
  await seedDefaultDebate(createRepositories(db, config))
  const instance = Fastify(serverOptions(config))
  await instance.register(app, { config, db })
  instance.addHook('onClose', async () => db.close())
  let liveUrl: string | null = null
  if (options.listen) {
    await instance.listen({ port: 0, host: '127.0.0.1' })
    liveUrl = `ws://127.0.0.1:${(instance.server.address() as AddressInfo).port}/api/live`
  } else {
    await instance.ready()
  }
  return { app: instance, liveUrl, close: () => instance.close() }
}

/** Every account's password. */
export const PASSWORD = 'correct horse battery staple'

export interface Actor {
  id: number
  username: string
  cookie: string
}

/**
 * An account made through the repositories, as `npm run user -- create` does, signed in with a
 * fresh session: the experiments are about what people may do, not about signing up.
 */
export async function account(instance: FastifyInstance, username: string, options: { admin?: boolean } = {}): Promise<Actor> {
  const user = await instance.repos.users.create(username, PASSWORD, { isAdmin: options.admin ?? false })
  return { id: user.id, username, cookie: await signIn(instance, user.id) }
}

/** A new session cookie for the user (after a logout or a ban ended the last one). */
export async function signIn(instance: FastifyInstance, userId: number): Promise<string> {
  return `mg_session=${(await instance.repos.sessions.create(userId)).token}`
}

/** The anchors of a debate's paragraphs, in reading order. */
export async function paragraphAnchors(instance: FastifyInstance, debate = 'sora'): Promise<string[]> {
  const res = await instance.inject({ url: `/api/debates/${debate}` })
  return (res.json().essay.blocks as { anchor: string; kind: string }[]).filter((b) => b.kind === 'paragraph').map((b) => b.anchor)
}
