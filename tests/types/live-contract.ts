/**
 * The live contract, checked by `npm run typecheck` rather than run: each line marked
 * `@ts-expect-error` must fail to compile, so an event type or field the contract in
 * server/schemas/live.ts does not know is refused on both sides. Were the contract loose,
 * the unused directive itself would fail the typecheck.
 */
import type { LiveEvent } from '../../client/services/types.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { initialState } from '../../client/state/store.ts'
import type { Tx } from '../../db/client.ts'
import { EventsRepository } from '../../server/repositories/events.ts'

export async function serverSide(tx: Tx): Promise<void> {
  const debate = { id: 1, slug: 'sora' }
  await EventsRepository.append(tx, debate, 'comment.voted', { anchor: 'p-1', commentId: 1, votes: 2 })
  // @ts-expect-error: no such event type
  await EventsRepository.append(tx, debate, 'comment.votd', { anchor: 'p-1', commentId: 1, votes: 2 })
  // @ts-expect-error: no such field of comment.voted
  await EventsRepository.append(tx, debate, 'comment.voted', { anchor: 'p-1', commentID: 1, votes: 2 })
}

export function clientSide(event: LiveEvent): void {
  applyLiveEvent(initialState(), { type: 'phase.changed', debate: 'sora', seq: 1, phase: 'open' })
  // @ts-expect-error: no such event type
  applyLiveEvent(initialState(), { type: 'phase.change', debate: 'sora', seq: 1, phase: 'open' })
  // @ts-expect-error: no such field of phase.changed
  applyLiveEvent(initialState(), { type: 'phase.changed', debate: 'sora', seq: 1, stage: 'open' })
  switch (event.type) {
    case 'comment.voted':
      void event.votes
      // @ts-expect-error: comment.voted carries no comment
      void event.comment
      break
    // @ts-expect-error: no such event type
    case 'comment.creatd':
      break
  }
}
