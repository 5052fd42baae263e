/**
 * Readers' positions on paragraphs: one current stance per reader and paragraph, and every
 * change kept with its time so that seminars can compare before and after.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { positionChanges, positions, type Position } from '../../db/schema.ts'
import type { Positions } from '../schemas/comments.ts'
import type { Change } from './comments.ts'
import { emptyPositions, type BlockRow, type DebateRow } from './debates.ts'
import { EventsRepository } from './events.ts'

export class PositionsRepository {
  constructor(private readonly db: DB) {}

  set(debate: DebateRow, block: BlockRow, userId: number, stance: Position): Change<Positions> {
    return this.db.transaction((tx) => {
      const current = tx
        .select({ stance: positions.stance })
        .from(positions)
        .where(and(eq(positions.debateId, debate.id), eq(positions.blockId, block.id), eq(positions.userId, userId)))
        .get()
      if (current?.stance === stance) return { value: tallyOf(tx, debate.id, block.id), events: [] }
      const now = Date.now()
      tx.insert(positions)
        .values({ debateId: debate.id, blockId: block.id, userId, stance, updatedAt: now })
        .onConflictDoUpdate({
          target: [positions.debateId, positions.blockId, positions.userId],
          set: { stance, updatedAt: now },
        })
        .run()
      tx.insert(positionChanges).values({ debateId: debate.id, blockId: block.id, userId, stance, at: now }).run()
      const tally = tallyOf(tx, debate.id, block.id)
      // `userId` lets the private phase show the change to its author alone; it is never delivered.
      const event = EventsRepository.append(tx, debate, 'position.changed', { anchor: block.anchor, positions: tally, userId })
      return { value: tally, events: [event] }
    })
  }

  /** A reader's positions over time, oldest first. */
  history(debateId: number, userId: number) {
    return this.db
      .select()
      .from(positionChanges)
      .where(and(eq(positionChanges.debateId, debateId), eq(positionChanges.userId, userId)))
      .orderBy(positionChanges.id)
      .all()
  }
}

export function tallyOf(tx: Tx | DB, debateId: number, blockId: number): Positions {
  const tally = emptyPositions()
  for (const row of tx
    .select({ stance: positions.stance, n: sql<number>`count(*)` })
    .from(positions)
    .where(and(eq(positions.debateId, debateId), eq(positions.blockId, blockId)))
    .groupBy(positions.stance)
    .all()) {
    tally[row.stance] = row.n
  }
  return tally
}
