/**
 * The page's actions: each talks to the API and records the outcome in the store through
 * the slices, announcing what a screen reader user would otherwise miss. Elements fire
 * events; the root element calls these. Optimistic changes (votes, positions) are undone
 * when the server refuses them.
 */
import { msg, str } from '@lit/localize'
import type { ModeratorCallEvent } from '../events/moderator-call.ts'
import type { Api, Comment, CommentModeration, DebateSettings, FlagReason, LogEntry, NewComment, PositionStance, QueueActionName, User } from '../services/api.ts'
import { ApiError } from '../services/api.ts'
import { errorMessage } from '../services/errors.ts'
import { nextN } from './common.ts'
import { choosePosition, debateFailed, debateLoaded, debateLoading, setPositions } from './debate.ts'
import { applyLiveEvent, type LiveEvent } from './events.ts'
import { setAway, showUnseen } from './live.ts'
import { queueFailed, queueItemResolved, queueLoaded, queueLoading } from './moderation.ts'
import type { SeminarCallEvent } from '../events/seminar-call.ts'
import * as seminarRoom from '../services/seminar-room.ts'
import type { Room } from '../services/seminar-api.ts'
import { currentPhase, roomLoaded, saveFollowLeader, seminarReset, setFollowLeader, setPrevious } from './seminar.ts'
import { signedIn, signedOut } from './session.ts'
import type { Store } from './store.ts'
import {
  changeComment,
  countNewComment,
  findComment,
  highlight,
  setOpen,
  threadFailed,
  threadLoaded,
  threadLoading,
  upsertComment,
} from './threads.ts'

export class Actions {
  constructor(
    private readonly store: Store,
    private readonly api: Api,
  ) {}

  announce(text: string): void {
    this.store.update((s) => ({ ...s, announcement: { text, n: nextN() } }))
  }

  /** Entry point of the live slice: a socket hands every event of the debate log here. */
  applyEvent(event: LiveEvent): void {
    const phase = currentPhase(this.store.state)
    const spotlight = this.store.state.seminar.room?.spotlight
    this.store.update((s) => applyLiveEvent(s, event))
    // The reader's own role or mute changed: the debate tells what the page now offers them.
    const me = this.store.state.user
    if (event.type === 'member.updated' && me && event.user?.id === me.id) void this.refetch()
    this.followSeminar(event, phase, spotlight)
  }

  /** What a seminar event means beyond the room: arguments revealed, a paragraph spotlighted, a second round. */
  private followSeminar(event: LiveEvent, phase: string | null, spotlight: string | null | undefined): void {
    const state = this.store.state
    const now = currentPhase(state)
    // Revealing (or closing) changes what the reader may see: the counts and threads come anew.
    if (event.type === 'phase.changed' && now !== phase && (now === 'open' || now === 'closed' || phase === 'private')) void this.refetch()
    const anchor = state.seminar.room?.spotlight
    if (event.type === 'spotlight.changed' && anchor && anchor !== spotlight) {
      const paragraphs = (state.debate?.essay?.blocks ?? []).filter((b) => b.kind === 'paragraph')
      const n = paragraphs.findIndex((b) => b.anchor === anchor) + 1
      if (n > 0) this.announce(msg(str`The leader is spotlighting paragraph ${n}.`))
    }
    if (event.type === 'poll.opened') void this.loadPrevious()
  }

  /** The server could not replay what was missed: load the debate and its open threads again. */
  async refetch(): Promise<void> {
    const slug = this.store.state.debate?.slug
    if (!slug) return
    await this.loadDebate(slug)
    await Promise.all(this.store.state.open.map((anchor) => this.loadThread(anchor)))
  }

  /** Shows the new arguments held back in an open thread. */
  showUnseen(anchor: string): void {
    this.store.update((s) => showUnseen(s, anchor))
  }

  dismissAway(): void {
    this.store.update((s) => setAway(s, null))
  }

  async loadSession(): Promise<void> {
    const user = await this.api.me().catch(() => null)
    this.store.update((s) => signedIn(s, user))
  }

  async loadDebates(): Promise<void> {
    this.store.update((s) => ({ ...s, debates: { ...s.debates, status: 'loading' } }))
    try {
      const list = await this.api.debates()
      this.store.update((s) => ({ ...s, debates: { status: 'ready', list } }))
    } catch {
      this.store.update((s) => ({ ...s, debates: { ...s.debates, status: 'error' } }))
    }
  }

  async loadDebate(slug: string): Promise<void> {
    this.store.update((s) => debateLoading(s.debate?.slug === slug ? s : seminarReset(s), slug))
    try {
      const { debate, essay } = await this.api.debate(slug)
      this.store.update((s) => debateLoaded(s, debate, essay))
    } catch {
      this.store.update((s) => debateFailed(s, slug))
      return
    }
    await Promise.all([this.loadQueue(), this.loadRoom()])
  }

  /** The seminar's room, for a seminar; nothing for an ordinary debate. */
  async loadRoom(): Promise<void> {
    const slug = this.store.state.debate?.slug
    if (!slug || !this.store.state.debate?.info?.seminar) return
    try {
      const room = await seminarRoom.room(this.api, slug)
      if (this.store.state.debate?.slug === slug) this.roomLoaded(room)
    } catch {
      // The live connection's `subscribed` brings the room as well.
    }
  }

  /** A whole room, from `GET /room` or the live connection's `subscribed`. */
  roomLoaded(room: Room): void {
    this.store.update((s) => roomLoaded(s, room))
    void this.loadPrevious()
  }

  /** An "after" round is open: the reader's vote in the round before tells whether to ask why they moved. */
  private async loadPrevious(): Promise<void> {
    const { room, previous } = this.store.state.seminar
    const before = room?.poll?.status === 'open' ? room.poll.before : null
    if (before === null || before === undefined || previous?.id === before) return
    try {
      const poll = await seminarRoom.poll(this.api, before)
      if (this.store.state.seminar.room?.poll?.before === poll.id) this.store.update((s) => setPrevious(s, poll))
    } catch {
      // Without it the reason field is simply not offered.
    }
  }

  setFollowLeader(follow: boolean): void {
    saveFollowLeader(follow)
    this.store.update((s) => setFollowLeader(s, follow))
    this.announce(follow ? msg('You follow the leader again.') : msg('You no longer follow the leader.'))
  }

  /** A call of the seminar's participant views; its answer is recorded, announced, and a failure thrown for the view to show. */
  async seminarCall<T>(event: SeminarCallEvent<T>): Promise<T> {
    const result = await event.send(this.api, this.store.state.debate?.slug ?? '')
    this.store.update((s) => event.apply(s, result))
    const text = event.announcement(result)
    if (text) this.announce(text)
    return result
  }

  async toggleThread(anchor: string, open: boolean): Promise<void> {
    // A closed thread holds nothing back: reopened, it shows everything.
    this.store.update((s) => (open ? setOpen(s, anchor, open) : showUnseen(setOpen(s, anchor, open), anchor)))
    const thread = this.store.state.threads[anchor]
    if (open && thread?.status !== 'ready') await this.loadThread(anchor)
  }

  async loadThread(anchor: string): Promise<void> {
    const slug = this.store.state.debate?.slug
    if (!slug) return
    this.store.update((s) => threadLoading(s, anchor))
    try {
      const comments = await this.api.thread(slug, anchor)
      if (this.store.state.debate?.slug === slug) this.store.update((s) => threadLoaded(s, anchor, comments))
    } catch {
      this.store.update((s) => threadFailed(s, anchor))
    }
  }

  /** Posts and shows the comment; a failure is thrown for the composer to show. */
  async post(anchor: string, input: NewComment): Promise<Comment> {
    const slug = this.requireDebate()
    const comment = await this.api.post(slug, anchor, input)
    this.store.update((s) => {
      const { state, added } = upsertComment(s, comment, false)
      return highlight(added ? countNewComment(state, comment) : state, { kind: 'comment', id: comment.id })
    })
    this.announce(input.parentId ? msg('Your reply was posted.') : msg('Your argument was posted.'))
    return comment
  }

  async edit(id: number, body: string): Promise<Comment> {
    const comment = await this.api.edit(id, body)
    this.store.update((s) => upsertComment(s, comment, false).state)
    this.announce(msg('Your comment was changed.'))
    return comment
  }

  async remove(id: number): Promise<void> {
    await this.api.remove(id)
    const anchor = findComment(this.store.state, id)?.anchor
    this.store.update((s) => changeComment(s, id, (c) => ({ ...c, deleted: true, body: null })))
    this.announce(msg('Your comment was deleted.'))
    // The counts of a paragraph exclude deleted comments; only the server knows them for sure.
    if (anchor) await this.refreshTallies()
  }

  async vote(id: number, value: 0 | 1): Promise<void> {
    const before = findComment(this.store.state, id)
    if (!before || (before.voted ? 1 : 0) === value) return
    this.store.update((s) =>
      changeComment(s, id, (c) => ({ ...c, voted: value === 1, votes: Math.max(0, c.votes + (value === 1 ? 1 : -1)) })),
    )
    try {
      const votes = await this.api.vote(id, value)
      this.store.update((s) => changeComment(s, id, (c) => ({ ...c, votes })))
      this.announce(value === 1 ? msg(str`Vote counted: ${votes} votes.`) : msg(str`Vote taken back: ${votes} votes.`))
    } catch (err) {
      this.store.update((s) => changeComment(s, id, (c) => ({ ...c, voted: before.voted, votes: before.votes })))
      this.announce(errorMessage(err))
    }
  }

  async setPosition(anchor: string, stance: PositionStance): Promise<void> {
    const slug = this.requireDebate()
    const before = this.store.state.debate?.essay?.blocks.find((b) => b.anchor === anchor)
    if (!before) return
    this.store.update((s) => choosePosition(s, anchor, stance))
    try {
      const positions = await this.api.position(slug, anchor, stance)
      this.store.update((s) => setPositions(s, anchor, positions, stance))
      this.announce(msg('Your position was saved.'))
    } catch (err) {
      this.store.update((s) => setPositions(s, anchor, before.positions, before.myPosition))
      this.announce(errorMessage(err))
    }
  }

  async authenticate(mode: 'login' | 'register', username: string, password: string): Promise<User> {
    const user = mode === 'login' ? await this.api.login(username, password) : await this.api.register(username, password)
    this.store.update((s) => signedIn(s, user))
    this.announce(msg(str`Signed in as ${user.username}.`))
    await this.refreshForReader()
    return user
  }

  async signOut(): Promise<void> {
    try {
      await this.api.logout()
    } catch (err) {
      // A session the server no longer knows is as good as ended.
      if (!(err instanceof ApiError && err.status === 401)) {
        this.announce(errorMessage(err))
        return
      }
    }
    this.store.update(signedOut)
    this.announce(msg('Signed out.'))
  }

  /**
   * Follows a deep link: `#p-<anchor>` brings a paragraph into view, `#c-<id>` opens the
   * comment's thread and brings the comment into view.
   */
  async followHash(hash: string): Promise<void> {
    const commentId = /^#c-(\d{1,15})$/.exec(hash)?.[1]
    if (commentId) {
      await this.revealComment(Number(commentId))
      return
    }
    const target = /^#((?:p|h)-[A-Za-z0-9-]+)$/.exec(hash)?.[1]
    const blocks = this.store.state.debate?.essay?.blocks ?? []
    const block = blocks.find((b) => b.anchor === target) ?? blocks.find((b) => `p-${b.anchor}` === target)
    if (block) this.store.update((s) => highlight(s, { kind: 'paragraph', anchor: block.anchor }))
  }

  private async revealComment(id: number): Promise<void> {
    let comment = findComment(this.store.state, id)
    if (!comment) {
      try {
        const found = await this.api.comment(id)
        if (found.debate !== this.store.state.debate?.slug) return
        comment = found.comment
      } catch {
        this.announce(msg('That comment could not be found.'))
        return
      }
    }
    await this.toggleThread(comment.anchor, true)
    this.store.update((s) => highlight(s, { kind: 'comment', id }))
  }

  /** A moderator's action on a comment; a failure is thrown for the menu to show. */
  async moderate(id: number, action: CommentModeration, reason?: string): Promise<void> {
    const comment = await this.api.moderate(id, action, reason)
    if (comment) this.store.update((s) => upsertComment(s, comment).state)
    else this.store.update((s) => changeComment(s, id, (c) => ({ ...c, deleted: true, body: null })))
    const done: Record<CommentModeration, string> = {
      hide: msg('The comment is hidden.'),
      unhide: msg('The comment is shown again.'),
      pin: msg('The argument is pinned.'),
      unpin: msg('The argument is no longer pinned.'),
      delete: msg('The comment was deleted.'),
      remove: msg('The comment was removed for good.'),
    }
    this.announce(done[action])
    await this.refreshTallies()
  }

  async flag(id: number, reason: FlagReason, note?: string): Promise<void> {
    await this.api.flag(id, reason, note)
    this.announce(msg('Thank you: the moderators will look at the comment.'))
  }

  /** The review queue, for moderators; does nothing for anyone else. */
  async loadQueue(): Promise<void> {
    const info = this.store.state.debate?.info
    if (!info || (info.role !== 'owner' && info.role !== 'moderator')) return
    this.store.update(queueLoading)
    try {
      const items = await this.api.queue(info.slug)
      if (this.store.state.debate?.slug === info.slug) this.store.update((s) => queueLoaded(s, items))
    } catch {
      this.store.update(queueFailed)
    }
  }

  /** Changes the debate's moderation settings; a failure is thrown for the panel to show. */
  async updateSettings(patch: Partial<DebateSettings>): Promise<void> {
    const slug = this.requireDebate()
    const settings = await this.api.updateSettings(slug, patch)
    this.store.update((s) => {
      const info = s.debate?.info
      if (!s.debate || !info || s.debate.slug !== slug) return s
      return { ...s, debate: { ...s.debate, info: { ...info, settings, state: settings.locked ? 'locked' : 'open' } } }
    })
    this.announce(msg('The settings were saved.'))
  }

  log(action: string): Promise<LogEntry[]> {
    return this.api.log(this.requireDebate(), action || undefined)
  }

  /** A call of the moderators' views (members, watched words); a failure is thrown for the view to show. */
  moderatorCall<T>(event: ModeratorCallEvent<T>): Promise<T> {
    return event.send(this.api, this.requireDebate())
  }

  async resolve(item: number, action: QueueActionName, reason?: string, anchor?: string): Promise<void> {
    const resolved = await this.api.resolve(item, action, reason, anchor)
    this.store.update((s) => upsertComment(queueItemResolved(s, item), resolved.comment).state)
    this.announce(msg('Done; the item left the queue.'))
  }

  /** After signing in: the reader's own positions and votes. */
  private async refreshForReader(): Promise<void> {
    await this.refreshTallies()
    await this.loadQueue()
    await Promise.all(this.store.state.open.map((anchor) => this.loadThread(anchor)))
  }

  private async refreshTallies(): Promise<void> {
    const slug = this.store.state.debate?.slug
    if (!slug) return
    try {
      const { debate, essay } = await this.api.debate(slug)
      this.store.update((s) => debateLoaded(s, debate, essay))
    } catch {
      // The tallies shown stay as they were; the next reload corrects them.
    }
  }

  private requireDebate(): string {
    const slug = this.store.state.debate?.slug
    if (!slug) throw new Error('No debate is open')
    return slug
  }
}
