/**
 * The debate slice: the essay being read, with each paragraph's tally (argument counts and
 * readers' positions) and the reader's own position. Tallies change from REST answers,
 * optimistic updates and live events alike, always through these functions.
 */
import type { Block, Counts, DebateInfo, Essay, PositionStance, Positions } from '../services/api.ts'
import { emptyModeration } from './moderation.ts'
import type { AppState } from './store.ts'

export function debateLoading(state: AppState, slug: string): AppState {
  const same = state.debate?.slug === slug
  return {
    ...state,
    debate: same && state.debate ? { ...state.debate, status: state.debate.essay ? 'ready' : 'loading' } : { slug, status: 'loading', info: null, essay: null, seq: 0 },
    ...(same ? {} : { threads: {}, open: [], highlight: null, moderation: emptyModeration() }),
  }
}

export function debateLoaded(state: AppState, info: DebateInfo, essay: Essay): AppState {
  if (state.debate?.slug !== info.slug) return state
  return { ...state, debate: { slug: info.slug, status: 'ready', info, essay, seq: Math.max(info.seq, state.debate.seq) } }
}

export function debateFailed(state: AppState, slug: string): AppState {
  if (state.debate?.slug !== slug) return state
  return { ...state, debate: { ...state.debate, status: 'error' } }
}

/** Changes one block of the current essay; unknown anchors leave the state as it is. */
export function updateBlock(state: AppState, anchor: string, change: (block: Block) => Block): AppState {
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
  return { ...state, debate: { ...debate, essay: { ...essay, blocks } } }
}

export function setCounts(state: AppState, anchor: string, counts: Counts): AppState {
  return updateBlock(state, anchor, (b) => ({ ...b, counts }))
}

export function setPositions(state: AppState, anchor: string, positions: Positions, mine?: PositionStance | null): AppState {
  return updateBlock(state, anchor, (b) => ({ ...b, positions, ...(mine === undefined ? {} : { myPosition: mine }) }))
}

/** The reader's new position, counted at once (before the server confirms it). */
export function choosePosition(state: AppState, anchor: string, stance: PositionStance): AppState {
  return updateBlock(state, anchor, (b) => {
    if (b.myPosition === stance) return b
    const positions = { ...b.positions }
    if (b.myPosition) positions[b.myPosition] = Math.max(0, positions[b.myPosition] - 1)
    positions[stance] += 1
    return { ...b, positions, myPosition: stance }
  })
}
