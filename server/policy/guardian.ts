/**
 * The guardian: the one place that decides who may do what. Every route asks it, and the
 * live hub asks it before delivering anything, so REST and the socket never disagree.
 * Unreadable debates answer 404, so their existence does not leak.
 *
 * Roles: a site admin may do everything everywhere; in a debate, its owner and its
 * moderators moderate, everyone else signed in participates. Participating (posting, editing,
 * voting, taking positions) needs an account that is not banned and not muted in the debate,
 * and a debate and paragraph that are not locked; moderators are exempt from locks, slow mode,
 * pre-moderation and watched words that hold. The content rules (watched words, pre-moderation)
 * are decided here too, so a route only asks.
 *
 * Seminars (debates with a phase) add their own rules: the leaders (owner, moderators, admins)
 * steer; participants may not comment or take positions while the seminar is in its reading
 * phase, and nobody changes anything once it is closed. Guests take part in their own seminar
 * only, never create seminars and are never appointed.
 */
import type { MemberRole } from '../../db/schema.ts'
import { badRequest, forbidden, notFound, tooManyRequests, unauthorized } from '../errors.ts'
import type { CommentRow, CommentsRepository, Review } from '../repositories/comments.ts'
import { MUTED_INDEFINITELY, type DebateRow, type DebatesRepository } from '../repositories/debates.ts'
import type { UserRow } from '../repositories/users.ts'
import type { WatchedWordsRepository } from '../repositories/watched-words.ts'
import type { ViewerClass } from './visibility.ts'
import { screen } from './watched-words.ts'

export type Viewer = UserRow | null

/** What the guardian consults. */
export interface GuardianDeps {
  debates: DebatesRepository
  comments: CommentsRepository
  watchedWords: WatchedWordsRepository
}

export class Guardian {
  constructor(private readonly deps: GuardianDeps) {}

  // Roles

  async roleIn(debate: DebateRow, viewer: Viewer): Promise<MemberRole | null> {
    if (!viewer) return null
    return (await this.deps.debates.roleOf(debate.id, viewer.id)) ?? null
  }

  /** The role the API reports: an admin who is not a member reads as moderator. */
  async reportedRole(debate: DebateRow, viewer: Viewer): Promise<MemberRole | null> {
    const role = await this.roleIn(debate, viewer)
    if (viewer?.isAdmin && (role === null || role === 'participant')) return 'moderator'
    return role
  }

  async isModerator(debate: DebateRow, viewer: Viewer): Promise<boolean> {
    if (!viewer) return false
    if (viewer.isAdmin) return true
    return moderates(await this.roleIn(debate, viewer))
  }

  /**
   * Who is looking, as the visibility rules need it: in a seminar's private phase everyone but
   * the leaders sees only their own; during group work only their group's; in an anonymous
   * seminar they see others by pseudonym.
   */
  async viewerOf(debate: DebateRow, viewer: Viewer): Promise<ViewerClass> {
    const membership = viewer ? await this.deps.debates.membership(debate.id, viewer.id) : undefined
    const moderator = viewer !== null && (viewer.isAdmin || moderates(membership?.role ?? null))
    return classOf(debate, viewer, moderator, membership?.groupId ?? null)
  }

  /**
   * Who each of many readers of a debate is (`viewerOf`), null for those who may not read it
   * (`canRead`), keyed by user id (null: anonymous): one query for all their roles, for the
   * live hub's deliveries.
   */
  async readersOf(debate: DebateRow, viewers: readonly Viewer[]): Promise<Map<number | null, ViewerClass | null>> {
    const roles = await this.deps.debates.rolesOf(
      debate.id,
      viewers.flatMap((v) => (v ? [v.id] : [])),
    )
    const out = new Map<number | null, ViewerClass | null>()
    for (const viewer of viewers) {
      const member = viewer ? roles.get(viewer.id) : undefined
      const role = member?.role ?? null
      const readable = debate.visibility === 'public' || (viewer !== null && (viewer.isAdmin || role !== null))
      const moderator = viewer !== null && (viewer.isAdmin || moderates(role))
      out.set(viewer?.id ?? null, readable ? classOf(debate, viewer, moderator, member?.groupId ?? null) : null)
    }
    return out
  }

  /** When the viewer's mute in this debate ends (ms), or null when not muted now. */
  async mutedUntil(debate: DebateRow, viewer: Viewer, now = Date.now()): Promise<number | null> {
    if (!viewer) return null
    const until = (await this.deps.debates.membership(debate.id, viewer.id))?.mutedUntil ?? null
    return until !== null && until > now ? until : null
  }

  // Reading

  async canRead(debate: DebateRow, viewer: Viewer): Promise<boolean> {
    if (debate.visibility === 'public') return true
    if (!viewer) return false
    return viewer.isAdmin || (await this.roleIn(debate, viewer)) !== null
  }

  /** The debate when the viewer may read it; 404 otherwise. */
  async readable(debate: DebateRow | undefined, viewer: Viewer, slug: string): Promise<DebateRow> {
    if (!debate || !(await this.canRead(debate, viewer))) throw notFound(`No debate "${slug}"`)
    return debate
  }

  // Participating

  /**
   * Posting, editing, voting and taking positions (in the paragraph `blockId`, when given):
   * signed in, not banned, not muted, debate and paragraph not locked. Returns the user.
   */
  async participant(debate: DebateRow, viewer: Viewer, blockId?: number, now = Date.now()): Promise<UserRow> {
    const user = await this.member(debate, viewer, now)
    this.notClosed(debate)
    if (await this.isModerator(debate, user)) return user
    if (debate.phase === 'reading') {
      throw forbidden('The seminar is in its reading phase: arguments and positions open once the leader moves on')
    }
    if (debate.state === 'locked') throw forbidden('This debate is locked: it can be read but not changed')
    if (blockId !== undefined && (await this.deps.debates.isParagraphLocked(debate.id, blockId))) {
      throw forbidden("This paragraph's thread is locked: it can be read but not answered")
    }
    return user
  }

  /** Slow mode: a participant's next comment waits until N seconds after their last one. */
  async pace(debate: DebateRow, user: UserRow, now = Date.now()): Promise<void> {
    if (debate.slowModeSeconds <= 0 || (await this.isModerator(debate, user))) return
    const last = await this.deps.comments.lastPostedAt(debate.id, user.id)
    if (last === null) return
    const wait = last + debate.slowModeSeconds * 1000 - now
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000))
      throw tooManyRequests(
        `Slow mode: one comment per ${debate.slowModeSeconds} seconds; you can post again in ${seconds} seconds, at ${new Date(now + seconds * 1000).toISOString()}`,
        seconds,
      )
    }
  }

  /**
   * What a text needs before it is stored: 400 when a watched word blocks it, the text with
   * censored words masked, and why it waits for review (a watched word that holds, or
   * pre-moderation for new comments), if it does.
   */
  async review(debate: DebateRow, user: UserRow, text: string, isNew: boolean): Promise<Review & { body: string }> {
    const result = screen(text.trim(), await this.deps.watchedWords.rulesFor(debate.id))
    if (result.blocked !== null) throw badRequest(`body contains the blocked word "${result.blocked}"`)
    if (await this.isModerator(debate, user)) return { body: result.body, hold: null }
    if (result.held !== null) return { body: result.body, hold: `watched word "${result.held}"` }
    return { body: result.body, hold: isNew && debate.preModeration ? 'pre-moderation' : null }
  }

  async editor(debate: DebateRow, comment: CommentRow, viewer: Viewer): Promise<UserRow> {
    const user = await this.participant(debate, viewer, comment.blockId)
    if (comment.authorId !== user.id) throw forbidden('Only its author can edit this comment')
    return user
  }

  async deleter(debate: DebateRow, comment: CommentRow, viewer: Viewer): Promise<UserRow> {
    if (!viewer) throw unauthorized()
    if (await this.isModerator(debate, viewer)) return await this.member(debate, viewer)
    if (comment.authorId === viewer.id) return await this.participant(debate, viewer, comment.blockId)
    throw forbidden('Only its author or a moderator can delete this comment')
  }

  async voter(debate: DebateRow, comment: CommentRow, viewer: Viewer): Promise<UserRow> {
    const user = await this.participant(debate, viewer, comment.blockId)
    if (comment.authorId === user.id) throw forbidden('You cannot vote for your own comment')
    return user
  }

  /**
   * Flagging: any signed-in reader who is not muted, on someone else's comment. A lock does not
   * stop it: a locked thread may still hold something a moderator must see.
   */
  async flagger(debate: DebateRow, comment: CommentRow, viewer: Viewer): Promise<UserRow> {
    const user = await this.member(debate, viewer)
    if (comment.authorId === user.id) throw forbidden('You cannot flag your own comment')
    return user
  }

  // Seminars

  /**
   * Taking part in a seminar beyond comments and positions (voting in a poll, raising a hand):
   * signed in, not banned, not muted, a guest only in their own seminar, the seminar not closed.
   * The reading phase does not stop it.
   */
  async attendee(debate: DebateRow, viewer: Viewer, now = Date.now()): Promise<UserRow> {
    const user = await this.member(debate, viewer, now)
    this.notClosed(debate)
    return user
  }

  /**
   * Steering a seminar (phase, spotlight, join code, polls, queue, timer): its leaders only.
   * 400 for a debate that is not a seminar.
   */
  async leader(debate: DebateRow, viewer: Viewer): Promise<UserRow> {
    if (debate.phase === null) throw badRequest(`"${debate.slug}" is not a seminar`)
    if (!viewer) throw unauthorized()
    if (!(await this.isModerator(debate, viewer))) throw forbidden('Only the leaders of this seminar can do this')
    return viewer
  }

  /** Steering that changes the session itself (polls, queue, timer): a leader, and the seminar not closed. */
  async steerer(debate: DebateRow, viewer: Viewer): Promise<UserRow> {
    const user = await this.leader(debate, viewer)
    this.notClosed(debate)
    return user
  }

  /** Creating a seminar: any signed-in account that is not banned; guests cannot. */
  seminarCreator(viewer: Viewer): UserRow {
    if (!viewer) throw unauthorized()
    if (viewer.bannedAt !== null) throw forbidden('Your account is banned')
    if (viewer.guestDebateId !== null) throw forbidden('Guests cannot create seminars: sign up for an account first')
    return viewer
  }

  /** A seminar's closed phase: kept as a record, nobody changes anything but the phase. */
  private notClosed(debate: DebateRow): void {
    if (debate.phase === 'closed') throw forbidden('This seminar is closed: it is kept as a record')
  }

  // Moderating

  /** Hiding, pinning, locking, settings, mutes, the queue and the log: admins, owners, moderators. */
  async moderator(debate: DebateRow, viewer: Viewer): Promise<UserRow> {
    if (!viewer) throw unauthorized()
    if (!(await this.isModerator(debate, viewer))) throw forbidden('Only moderators of this debate can do this')
    return viewer
  }

  /** Appointing and dismissing moderators: admins and the debate's owner; a guest (`target`) is never appointed. */
  async appointer(debate: DebateRow, viewer: Viewer, target?: UserRow): Promise<UserRow> {
    if (!viewer) throw unauthorized()
    if (!viewer.isAdmin && (await this.roleIn(debate, viewer)) !== 'owner') {
      throw forbidden("Only the debate's owner or an admin can appoint moderators")
    }
    if (target && target.guestDebateId !== null) throw forbidden(`${target.username} is a guest and cannot be appointed`)
    return viewer
  }

  /** Muting a member: moderators may, but not another moderator, the owner or an admin. */
  async muter(debate: DebateRow, viewer: Viewer, target: UserRow): Promise<UserRow> {
    const user = await this.moderator(debate, viewer)
    if (await this.isModerator(debate, target)) throw forbidden(`${target.username} moderates this debate and cannot be muted`)
    return user
  }

  /** Banning: site admins, never of another admin or themselves. */
  banner(viewer: Viewer, target: UserRow): UserRow {
    const user = this.admin(viewer, 'ban users')
    if (target.isAdmin) throw forbidden(`${target.username} is an admin and cannot be banned`)
    return user
  }

  /** Bans, legal removal, site-wide watched words: site admins only. */
  admin(viewer: Viewer, what: string): UserRow {
    if (!viewer) throw unauthorized()
    if (!viewer.isAdmin) throw forbidden(`Only site admins can ${what}`)
    return viewer
  }

  /** Signed in, not banned, not muted in this debate. */
  private async member(debate: DebateRow, viewer: Viewer, now = Date.now()): Promise<UserRow> {
    if (!viewer) throw unauthorized()
    if (viewer.bannedAt !== null) throw forbidden('Your account is banned')
    if (viewer.guestDebateId !== null && viewer.guestDebateId !== debate.id) {
      throw forbidden('Guests take part only in the seminar they joined: sign up to take part here')
    }
    if (await this.isModerator(debate, viewer)) return viewer
    const until = await this.mutedUntil(debate, viewer, now)
    if (until !== null) {
      throw forbidden(
        until >= MUTED_INDEFINITELY
          ? 'You are muted in this debate indefinitely: you can read, but not post, vote or take positions'
          : `You are muted in this debate until ${new Date(until).toISOString()}: you can read, but not post, vote or take positions`,
      )
    }
    return viewer
  }
}

function moderates(role: MemberRole | null): boolean {
  return role === 'owner' || role === 'moderator'
}

function classOf(debate: DebateRow, viewer: Viewer, moderator: boolean, groupId: number | null): ViewerClass {
  const seminar = debate.phase !== null
  const grouped = seminar && debate.groups === 'working' && !moderator
  return {
    userId: viewer?.id ?? null,
    moderator,
    hideOthers: seminar && debate.phase === 'private' && !moderator,
    pseudonymous: seminar && debate.anonymous && !moderator,
    ...(grouped ? { group: groupId } : {}),
  }
}
