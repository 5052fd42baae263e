/**
 * What a socket may see of a debate's live traffic: the same rules as the REST API — the
 * guardian decides who may read the debate and who moderates it, policy/visibility.ts what
 * each reader sees of a comment — applied per audience class rather than per socket.
 *
 * A `DebateView` serves one delivery in one debate. The hub asks it who each member is
 * (`viewerOf`), sorts members by `keyOf` into classes that see the same frame, and builds
 * each class's frame once with `viewFor`; 2,000 readers cost a handful of serialisations,
 * not 2,000. Comment states are loaded once per delivery, so a replayed `comment.created`
 * shows the comment as it is now (hidden, removed), never as it was.
 */
import type { Guardian, Viewer } from '../policy/guardian.ts'
import { audienceKey, commentIdOf, presentEvent, type CommentState, type ViewerClass } from '../policy/visibility.ts'
import type { DebateRow } from '../repositories/debates.ts'
import type { LiveEvent, StoredEvent } from '../schemas/live.ts'

export type { ViewerClass }

/** Where the current moderation state of comments comes from. */
export interface CommentStates {
  states(ids: readonly number[]): Promise<Map<number, CommentState>>
}

export class DebateView {
  private readonly states = new Map<number, CommentState>()

  constructor(
    readonly debate: DebateRow,
    private readonly guardian: Guardian,
    private readonly comments: CommentStates,
  ) {}

  /** Who the user is in this debate, or null when they may not read it. */
  async viewerOf(user: Viewer): Promise<ViewerClass | null> {
    return (await this.guardian.canRead(this.debate, user)) ? this.guardian.viewerOf(this.debate, user) : null
  }

  /** Loads, in one query, the current state of the comments these events are about. */
  async load(events: readonly StoredEvent[]): Promise<void> {
    const ids = events.map(commentIdOf).filter((id): id is number => id !== undefined && !this.states.has(id))
    for (const [id, state] of await this.comments.states(ids)) this.states.set(id, state)
  }

  /** Readers with the same key see the same frame of this event. */
  keyOf(event: StoredEvent, viewer: ViewerClass): string {
    return audienceKey(event, viewer, this.current(event))
  }

  /**
   * The event as this viewer may see it, or null when it does not exist for them (a comment
   * awaiting approval, a moderators' notice); the hub then sends a `skip` in its place.
   */
  viewFor(viewer: ViewerClass, event: StoredEvent): LiveEvent | null {
    return presentEvent(event, viewer, this.current(event))
  }

  private current(event: StoredEvent): CommentState | undefined {
    const id = commentIdOf(event)
    return id === undefined ? undefined : this.states.get(id)
  }
}
