/**
 * Shared set-up for the seminar room tests: a seminar on the default essay started by its
 * leader, participants who joined with the code as guests (as students do from their phones),
 * and an outsider with an account who did not join. Everything goes through the API, as the
 * people in the room would do it.
 */
import type { FastifyInstance } from 'fastify'
import type { SeminarPhase } from '../../db/schema.ts'
import { pseudonymId } from '../../server/policy/pseudonyms.ts'
import { DEFAULT_ESSAY } from '../../server/seed.ts'
import { buildApp, cookieOf, paragraphs, write } from '../helper.ts'
import { person, type Person } from '../moderation/support.ts'

export type { Person }

let counter = 0

export interface SeminarOptions {
  phase?: SeminarPhase
  anonymous?: boolean
  participants?: number
}

/** How the other participants of an anonymous seminar see a member with this pseudonym. */
export function peerSees(pseudonym: string, role = 'participant') {
  return { id: pseudonymId(pseudonym), name: pseudonym, role }
}

/** Joins a seminar as a guest with this display name. */
export async function joinAsGuest(app: FastifyInstance, code: string, displayName: string): Promise<Person> {
  const res = await write(app, 'POST', '/api/join', null, { code, displayName })
  if (res.statusCode !== 200) throw new Error(`join failed: ${res.statusCode} ${res.body}`)
  return { id: res.json().user.id as number, username: displayName, cookie: cookieOf(res) }
}

/** Starts a seminar in `app` (phase `open` unless told) with its leader, guests who joined, and an outsider. */
export async function seminarIn(app: FastifyInstance, options: SeminarOptions = {}) {
  const leader = await person(app)
  const created = await write(app, 'POST', '/api/seminars', leader.cookie, {
    essay: DEFAULT_ESSAY,
    title: 'Class 10b',
    anonymous: options.anonymous ?? false,
  })
  if (created.statusCode !== 201) throw new Error(`seminar failed: ${created.statusCode} ${created.body}`)
  const slug = created.json().debate.slug as string
  const code = created.json().joinCode as string
  const participants: Person[] = []
  for (let i = 0; i < (options.participants ?? 3); i++) {
    participants.push(await joinAsGuest(app, code, `Student ${process.pid}-${++counter}`))
  }
  const phase = options.phase ?? 'open'
  if (phase !== 'reading') await setPhase(app, slug, leader, phase)
  const outsider = await person(app)
  const anchors = await paragraphs(app)
  const url = (path = '') => `/api/debates/${slug}${path}`
  return { app, slug, code, debate: async () => (await app.repos.debates.bySlug(slug))!, leader, participants, outsider, anchors, url }
}

/** The app with one seminar (see `seminarIn`). */
export async function seminar(options: SeminarOptions = {}) {
  return seminarIn(await buildApp(), options)
}

/** Moves the seminar to a phase as its leader. */
export async function setPhase(app: FastifyInstance, slug: string, leader: Person, phase: SeminarPhase): Promise<void> {
  const res = await write(app, 'PUT', `/api/debates/${slug}/phase`, leader.cookie, { phase })
  if (res.statusCode !== 200) throw new Error(`phase failed: ${res.statusCode} ${res.body}`)
}

/** GET as the given person (or nobody). */
export function read(app: FastifyInstance, url: string, who: Person | null) {
  return app.inject({ url, headers: who ? { cookie: who.cookie } : {} })
}

/** Opens a poll as `leader` and returns it. */
export async function openPoll(app: FastifyInstance, slug: string, leader: Person, body: Record<string, unknown> = {}) {
  const res = await write(app, 'POST', `/api/debates/${slug}/polls`, leader.cookie, body)
  if (res.statusCode !== 201) throw new Error(`open poll failed: ${res.statusCode} ${res.body}`)
  return res.json().poll as { id: number; anchor: string | null; before: number | null; status: string; votes: number }
}

/** Votes as `who`, expecting success. */
export async function vote(app: FastifyInstance, pollId: number, who: Person, stance: string, reason?: string) {
  const res = await write(app, 'PUT', `/api/polls/${pollId}/vote`, who.cookie, reason === undefined ? { stance } : { stance, reason })
  if (res.statusCode !== 200) throw new Error(`vote failed: ${res.statusCode} ${res.body}`)
  return res.json().poll
}
