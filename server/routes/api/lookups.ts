/**
 * The lookups API routes share: a debate the reader may read (or act on in a role), one of its
 * current paragraphs, a comment as the reader may see it, a user by name. Each answers 404 the
 * same way whether the thing is missing or merely not the reader's to see.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../errors.ts'
import { present, type ViewerClass } from '../../policy/visibility.ts'
import type { CommentRow } from '../../repositories/comments.ts'
import { MUTED_INDEFINITELY, type BlockRow, type DebateRow } from '../../repositories/debates.ts'
import type { UserRow } from '../../repositories/users.ts'
import type { Comment } from '../../schemas/comments.ts'

export function readableDebate(app: FastifyInstance, request: FastifyRequest, slug: string): DebateRow {
  return app.guardian.readable(app.repos.debates.bySlug(slug), request.user, slug)
}

/** The roles a route may ask of the reader in the debate it names: the guardian's checks of that name. */
export type DebateRole = 'leader' | 'steerer' | 'moderator'

/**
 * The debate the request's `:debate` names and the reader acting on it in `role`: 404 for a
 * debate they may not read, and the guardian's refusal (400, 401, 403) for a role they do not hold.
 */
export function debateAs(
  app: FastifyInstance,
  request: FastifyRequest & { params: { debate: string } },
  role: DebateRole,
): { debate: DebateRow; user: UserRow } {
  const debate = readableDebate(app, request, request.params.debate)
  return { debate, user: app.guardian[role](debate, request.user) }
}

export function paragraphOf(app: FastifyInstance, debate: DebateRow, anchor: string): BlockRow {
  const block = app.repos.debates.paragraph(debate, anchor)
  if (!block) throw notFound(`No paragraph "${anchor}" in debate "${debate.slug}"`)
  return block
}

export interface VisibleComment {
  comment: CommentRow
  debate: DebateRow
  viewer: ViewerClass
  /** The comment as this reader sees it. */
  shown: Comment
}

/** The comment and its debate, when the reader may see them; 404 otherwise. */
export function visibleComment(app: FastifyInstance, request: FastifyRequest, id: string | number): VisibleComment {
  const comment = app.repos.comments.byId(Number(id))
  const debate = comment && app.repos.debates.byId(comment.debateId)
  if (!comment || !debate || !app.guardian.canRead(debate, request.user)) throw notFound(`No comment ${id}`)
  const viewer = app.guardian.viewerOf(debate, request.user)
  const shown = present(app.repos.comments.view(comment.id, request.user?.id ?? null), viewer)
  if (!shown) throw notFound(`No comment ${id}`)
  return { comment, debate, viewer, shown }
}

export function userNamed(app: FastifyInstance, username: string): UserRow {
  const user = app.repos.users.byName(username)
  if (!user) throw notFound(`No user "${username}"`)
  return user
}

/** A mute's end as the API shows it: a time, or null when indefinite (or not muted). */
export function muteEnd(mutedUntil: number | null): string | null {
  return mutedUntil === null || mutedUntil >= MUTED_INDEFINITELY ? null : new Date(mutedUntil).toISOString()
}
