/**
 * The debate slice: the essay being read, with each paragraph's tally (argument counts and
 * readers' positions) and the reader's own position. Tallies change from REST answers,
 * optimistic updates and live events alike, always through these functions.
 */
import type { Block, Counts, DebateInfo, Essay, PositionStance, Positions } from '../services/types.ts'
import type { Status, ThreadsPart } from './common.ts'
import { emptyModeration, type ModerationPart } from './moderation.ts'

export interface DebateState {
  slug: string
  status: Status
  info: DebateInfo | null
  essay: Essay | null
  /** The newest live event applied (starts at the debate's `seq`). */
  seq: number
}

export interface DebatePart {
  debate: DebateState | null
}

function withDebate<S extends DebatePart>(state: S, debate: DebateState): S {
  return { ...state, debate }
}

/** Opening another debate forgets the last one's threads, highlight and review queue. */
export function debateLoading<S extends DebatePart & ThreadsPart & ModerationPart>(state: S, slug: string): S {
  const same = state.debate?.slug === slug
  const next = withDebate(
    state,
    same && state.debate
      ? { ...state.debate, status: state.debate.essay ? 'ready' : 'loading' }
      : { slug, status: 'loading', info: null, essay: null, seq: 0 },
  )
  if (same) return next
  const forgotten: ThreadsPart & ModerationPart = { threads: {}, open: [], highlight: null, moderation: emptyModeration() }
  return { ...next, ...forgotten }
}

export function debateLoaded<S extends DebatePart>(state: S, info: DebateInfo, essay: Essay): S {
  if (state.debate?.slug !== info.slug) return state
  return withDebate(state, { slug: info.slug, status: 'ready', info, essay, seq: Math.max(info.seq, state.debate.seq) })
}

export function debateFailed<S extends DebatePart>(state: S, slug: string): S {
  if (state.debate?.slug !== slug) return state
  return withDebate(state, { ...state.debate, status: 'error' })
}

/** Changes one block of the current essay; unknown anchors leave the state as it is. */
export function updateBlock<S extends DebatePart>(state: S, anchor: string, change: (block: Block) => Block): S {
  const debate = state.debate
  const essay = debate?.essay
  if (!debate || !essay) return state
  const index = essay.blocks.findIndex((b) => b.anchor === anchor)
  const block = essay.blocks[index]
  if (!block) return state
  const next = change(block)
  if (next === block) return state
  const blocks = essay.blocks.slice()
  blocks[index] = next
  return withDebate(state, { ...debate, essay: { ...essay, blocks } })
}

export function setCounts<S extends DebatePart>(state: S, anchor: string, counts: Counts): S {
  return updateBlock(state, anchor, (b) => ({ ...b, counts }))
}

export function setPositions<S extends DebatePart>(state: S, anchor: string, positions: Positions, mine?: PositionStance | null): S {
  return updateBlock(state, anchor, (b) => ({ ...b, positions, ...(mine === undefined ? {} : { myPosition: mine }) }))
}

/** The reader's new position, counted at once (before the server confirms it). */
export function choosePosition<S extends DebatePart>(state: S, anchor: string, stance: PositionStance): S {
  return updateBlock(state, anchor, (b) => {
    if (b.myPosition === stance) return b
    const positions = { ...b.positions }
    if (b.myPosition) positions[b.myPosition] = Math.max(0, positions[b.myPosition] - 1)
    positions[stance] += 1
    return { ...b, positions, myPosition: stance }
  })
}
