/**
 * The debate log's events (`comment.created|updated|deleted|voted`, `position.changed`, the
 * moderation and seminar events), applied to the state through the slices they concern. It
 * sits above the slices and beside the store, since one event may change several slices.
 * Comments merge by id and counts are taken as sent, so an event that echoes the tab's own
 * change, or arrives twice, changes nothing further.
 */
import type { LiveEvent, SkipMessage } from '../services/types.ts'
import { setCounts, setPositions, updateBlock } from './debate.ts'
import { holdBack, setTyping } from './live.ts'
import { membersStale } from './members.ts'
import { setQueueSize } from './moderation.ts'
import { recordOutdated } from './record.ts'
import { applySeminarEvent } from './seminar.ts'
import type { AppState } from './store.ts'
import { changeComment, countNewComment, findComment, upsertComment } from './threads.ts'

/** Applies an event of the debate's log, or the `skip` standing in for one, which only advances the seq. */
export function applyLiveEvent(state: AppState, event: LiveEvent | SkipMessage): AppState {
  const debate = state.debate
  if (!debate || event.debate !== debate.slug) return state
  // Events the state already reflects (a resumed socket replays from its last seq).
  if (event.seq <= debate.seq) return state
  let next: AppState = { ...state, debate: { ...debate, seq: event.seq } }
  switch (event.type) {
    case 'comment.created':
    case 'comment.updated':
    case 'comment.deleted': {
      const known = findComment(next, event.comment.id) !== undefined
      const result = upsertComment(next, event.comment)
      next = result.state
      if (event.type === 'comment.created' && result.added && !known) next = holdBack(next, event.comment, event.clientId)
      // The one writing has posted: their notice ends with the comment, not when it expires.
      if (event.type === 'comment.created' && next.live.typing[event.anchor] === event.comment.stance)
        next = setTyping(next, event.anchor, null)
      if (event.counts) next = setCounts(next, event.anchor, event.counts)
      // In a seminar's private phase only the reader's own comments come, without counts: they count here.
      else if (event.type === 'comment.created' && !known) next = countNewComment(next, event.comment)
      break
    }
    case 'comment.voted': {
      const votes = event.votes
      next = changeComment(next, event.commentId, (c) => (c.votes === votes ? c : { ...c, votes }))
      break
    }
    case 'position.changed':
      if (event.positions) next = setPositions(next, event.anchor, event.positions)
      break
    case 'comment.hidden':
    case 'comment.unhidden':
      next = upsertComment(next, event.comment).state
      if (event.counts) next = setCounts(next, event.anchor, event.counts)
      break
    case 'comment.pinned': {
      const pinned = event.pinned
      next = changeComment(next, event.commentId, (c) => ({ ...c, pinned }))
      break
    }
    case 'debate.settings':
      if (next.debate?.info) {
        const settings = event.settings
        const info = { ...next.debate.info, settings, state: settings.locked ? ('locked' as const) : ('open' as const) }
        next = { ...next, debate: { ...next.debate, info } }
      }
      break
    case 'paragraph.locked': {
      const locked = event.locked
      next = updateBlock(next, event.anchor, (b) => ({ ...b, locked }))
      break
    }
    case 'moderation.queue':
      next = setQueueSize(next, event.size)
      break
    // Someone's role or mute changed, or someone joined: the lists showing them load again.
    case 'member.updated':
      next = membersStale(next, 'members', 'roster')
      break
    case 'member.joined':
      next = membersStale(applySeminarEvent(next, event), 'roster')
      break
    // The seminar's room: phase, spotlight, polls, the speaker queue, the timer, the join code.
    case 'phase.changed':
    case 'spotlight.changed':
    case 'poll.opened':
    case 'poll.count':
    case 'poll.closed':
    case 'queue.changed':
    case 'timer.started':
    case 'timer.stopped':
    case 'join-code.changed':
    case 'groups.changed':
      next = applySeminarEvent(next, event, next.user?.id ?? null)
      break
    // The marks were released or taken back: the record held is out of date, and its view loads it again.
    case 'grades.released':
      next = recordOutdated(next)
      break
    // A new version of the essay is loaded whole (handlers/live.ts); a skip only advances the seq.
    case 'essay.updated':
    case 'skip':
      break
  }
  return next
}
