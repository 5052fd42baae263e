/**
 * The lookups API routes share: a debate the reader may read (or act on in a role), one of its
 * current paragraphs, a comment as the reader may see it, a user by name. Each answers 404 the
 * same way whether the thing is missing or merely not the reader's to see.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../errors.ts'
import { present, type ViewerClass } from '../../policy/visibility.ts'
import type { CommentRow } from '../../repositories/comments.ts'
import { MUTED_INDEFINITELY, type BlockRow, type DebateRow, type ParagraphRef } from '../../repositories/debates.ts'
import type { UserRow } from '../../repositories/users.ts'
import type { Comment } from '../../schemas/comments.ts'

export async function readableDebate(app: FastifyInstance, request: FastifyRequest, slug: string): Promise<DebateRow> {
  return app.guardian.readable(await app.repos.debates.bySlug(slug), request.user, slug)
}

/** The roles a route may ask of the reader in the debate it names: the guardian's checks of that name. */
export type DebateRole = 'leader' | 'steerer' | 'moderator'

/**
 * The debate the request's `:debate` names and the reader acting on it in `role`: 404 for a
 * debate they may not read, and the guardian's refusal (400, 401, 403) for a role they do not hold.
 */
export async function debateAs(
  app: FastifyInstance,
  request: FastifyRequest & { params: { debate: string } },
  role: DebateRole,
): Promise<{ debate: DebateRow; user: UserRow }> {
  const debate = await readableDebate(app, request, request.params.debate)
  return { debate, user: await app.guardian[role](debate, request.user) }
}

/** The debate the request names, readable by the reader, and its paragraph `anchor` (404 for either missing). */
export async function readableParagraph(
  app: FastifyInstance,
  request: FastifyRequest,
  slug: string,
  anchor: string,
): Promise<{ debate: DebateRow; block: ParagraphRef }> {
  const found = await app.repos.debates.withParagraph(slug, anchor)
  const debate = await app.guardian.readable(found.debate, request.user, slug)
  if (!found.block) throw notFound(`No paragraph "${anchor}" in debate "${slug}"`)
  return { debate, block: found.block }
}

export async function paragraphOf(app: FastifyInstance, debate: DebateRow, anchor: string): Promise<BlockRow> {
  const block = await app.repos.debates.paragraph(debate, anchor)
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
export async function visibleComment(app: FastifyInstance, request: FastifyRequest, id: string | number): Promise<VisibleComment> {
  const comment = await app.repos.comments.byId(Number(id))
  const debate = comment && (await app.repos.debates.byId(comment.debateId))
  if (!comment || !debate || !(await app.guardian.canRead(debate, request.user))) throw notFound(`No comment ${id}`)
  const viewer = await app.guardian.viewerOf(debate, request.user)
  const shown = present(await app.repos.comments.view(comment.id, request.user?.id ?? null), viewer)
  if (!shown) throw notFound(`No comment ${id}`)
  return { comment, debate, viewer, shown }
}

export async function userNamed(app: FastifyInstance, username: string): Promise<UserRow> {
  const user = await app.repos.users.byName(username)
  if (!user) throw notFound(`No user "${username}"`)
  return user
}

/** A mute's end as the API shows it: a time, or null when indefinite (or not muted). */
export function muteEnd(mutedUntil: number | null): string | null {
  return mutedUntil === null || mutedUntil >= MUTED_INDEFINITELY ? null : new Date(mutedUntil).toISOString()
}
