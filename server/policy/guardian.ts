/**
 * The guardian: the one place that decides who may do what. Every route asks it, and the
 * live hub asks it before delivering anything, so REST and the socket never disagree.
 * Unreadable debates answer 404, so their existence does not leak.
 */
import type { CommentRow } from '../repositories/comments.ts'
import type { DebateRow, DebatesRepository } from '../repositories/debates.ts'
import type { UserRow } from '../repositories/users.ts'
import { forbidden, notFound, unauthorized } from '../errors.ts'
import type { MemberRole } from '../../db/schema.ts'

export type Viewer = UserRow | null

export class Guardian {
  constructor(private readonly debates: DebatesRepository) {}

  roleIn(debate: DebateRow, viewer: Viewer): MemberRole | null {
    if (!viewer) return null
    return this.debates.roleOf(debate.id, viewer.id) ?? null
  }

  isModerator(debate: DebateRow, viewer: Viewer): boolean {
    if (!viewer) return false
    if (viewer.isAdmin) return true
    const role = this.roleIn(debate, viewer)
    return role === 'owner' || role === 'moderator'
  }

  canRead(debate: DebateRow, viewer: Viewer): boolean {
    if (debate.visibility === 'public') return true
    if (!viewer) return false
    return viewer.isAdmin || this.roleIn(debate, viewer) !== null
  }

  /** The debate when the viewer may read it; 404 otherwise. */
  readable(debate: DebateRow | undefined, viewer: Viewer, slug: string): DebateRow {
    if (!debate || !this.canRead(debate, viewer)) throw notFound(`No debate "${slug}"`)
    return debate
  }

  /** Posting, voting and taking positions: signed in, allowed to read, debate open. Returns the user. */
  participant(debate: DebateRow, viewer: Viewer): UserRow {
    if (!viewer) throw unauthorized()
    if (viewer.bannedAt !== null) throw forbidden('Your account is banned')
    if (debate.state === 'locked' && !this.isModerator(debate, viewer)) {
      throw forbidden('This debate is locked: it can be read but not changed')
    }
    return viewer
  }

  editor(debate: DebateRow, comment: CommentRow, viewer: Viewer): UserRow {
    const user = this.participant(debate, viewer)
    if (comment.authorId !== user.id) throw forbidden('Only its author can edit this comment')
    return user
  }

  deleter(debate: DebateRow, comment: CommentRow, viewer: Viewer): UserRow {
    if (!viewer) throw unauthorized()
    if (comment.authorId === viewer.id) return this.participant(debate, viewer)
    if (!this.isModerator(debate, viewer)) throw forbidden('Only its author or a moderator can delete this comment')
    return viewer
  }

  voter(debate: DebateRow, comment: CommentRow, viewer: Viewer): UserRow {
    const user = this.participant(debate, viewer)
    if (comment.authorId === user.id) throw forbidden('You cannot vote for your own comment')
    return user
  }
}
