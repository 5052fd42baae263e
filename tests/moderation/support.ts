/**
 * Shared set-up for the moderation tests: the app with the default debate, and people in
 * every role. Accounts are made directly in the database with a session each, since the
 * tests are about what those people may do, not about signing up.
 */
import type { FastifyInstance } from 'fastify'
import { users, type MemberRole } from '../../db/schema.ts'
import { buildApp, paragraphs, write } from '../helper.ts'

export interface Person {
  id: number
  username: string
  cookie: string
}

let counter = 0

/** A signed-in account; `role` makes it a member of the debate with that role. */
export async function person(
  app: FastifyInstance,
  options: { admin?: boolean; role?: MemberRole; debate?: string; name?: string } = {},
): Promise<Person> {
  const username = options.name ?? `user${process.pid}n${++counter}`
  const [row] = await app.db.transaction((tx) =>
    tx
      .insert(users)
      .values({ username, usernameKey: username.toLowerCase(), isAdmin: options.admin ?? false })
      .returning(),
  )
  if (!row) throw new Error(`no user row for ${username}`)
  if (options.role) await app.repos.debates.setRole((await app.repos.debates.bySlug(options.debate ?? 'sora'))!.id, row.id, options.role)
  const { token } = await app.repos.sessions.create(row.id)
  return { id: row.id, username, cookie: `mg_session=${token}` }
}

export async function setup() {
  const app = await buildApp()
  const anchors = await paragraphs(app)
  const anchor = anchors[2]!
  const thread = (a = anchor) => `/api/debates/sora/paragraphs/${a}/comments`
  const debate = async () => (await app.repos.debates.bySlug('sora'))!
  const post = async (who: Person, body: string, extra: Record<string, unknown> = {}, a = anchor) => {
    const res = await write(app, 'POST', thread(a), who.cookie, { body, stance: 'pro', ...extra })
    if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`)
    return res.json().comment as { id: number; body: string | null; status: string }
  }
  const read = async (who: Person | null, a = anchor) =>
    (await app.inject({ url: thread(a), headers: who ? { cookie: who.cookie } : {} })).json().comments as {
      id: number
      body: string | null
      hidden: boolean
      hiddenReason: string | null
      status: string
      statusReason: string | null
      pinned: boolean
    }[]
  return { app, anchors, anchor, thread, debate, post, read }
}
