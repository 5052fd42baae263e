/**
 * Readers' positions on paragraphs: one current stance per reader and paragraph, and every
 * change kept with its time so that seminars can compare before and after.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { positionChanges, positions, type Position } from '../../db/schema.ts'
import type { Positions } from '../schemas/comments.ts'
import type { Change } from './comments.ts'
import { emptyPositions, type DebateRow, type ParagraphRef } from './debates.ts'
import { EventsRepository } from './events.ts'
import { GroupsRepository } from './groups.ts'

async function groupTally(tx: Tx, debateId: number, groupId: number, blockId: number): Promise<Positions> {
  return (await GroupsRepository.positions(tx, debateId, groupId, blockId)).get(blockId) ?? emptyPositions()
}

export class PositionsRepository {
  constructor(private readonly db: DB) {}

  async set(debate: DebateRow, block: ParagraphRef, userId: number, stance: Position): Promise<Change<Positions>> {
    return this.db.transaction(
      async (tx) => {
        const [current] = await tx
          .select({ stance: positions.stance })
          .from(positions)
          .where(and(eq(positions.debateId, debate.id), eq(positions.blockId, block.id), eq(positions.userId, userId)))
        if (current?.stance === stance) return { value: await tallyOf(tx, debate.id, block.id), events: [] }
        const now = Date.now()
        await tx
          .insert(positions)
          .values({ debateId: debate.id, blockId: block.id, userId, stance, updatedAt: now })
          .onConflictDoUpdate({
            target: [positions.debateId, positions.blockId, positions.userId],
            set: { stance, updatedAt: now },
          })
        await tx.insert(positionChanges).values({ debateId: debate.id, blockId: block.id, userId, stance, at: now })
        const tally = await tallyOf(tx, debate.id, block.id)
        // `userId` lets the private phase show the change to its author alone, `group` group work to
        // the taker's group, with its own tally; neither is delivered.
        const working = await GroupsRepository.working(tx, debate.id, userId)
        const grouped =
          working && working.group !== null
            ? { group: working.group, groupPositions: await groupTally(tx, debate.id, working.group, block.id) }
            : working
              ? { group: null }
              : {}
        const event = await EventsRepository.append(tx, debate, 'position.changed', {
          anchor: block.anchor,
          positions: tally,
          userId,
          ...grouped,
        })
        return { value: tally, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** A reader's positions over time, oldest first. */
  async history(debateId: number, userId: number) {
    return this.db
      .select()
      .from(positionChanges)
      .where(and(eq(positionChanges.debateId, debateId), eq(positionChanges.userId, userId)))
      .orderBy(positionChanges.id)
  }
}

export async function tallyOf(tx: Tx, debateId: number, blockId: number): Promise<Positions> {
  const tally = emptyPositions()
  for (const row of await tx
    .select({ stance: positions.stance, n: sql<number>`count(*)`.mapWith(Number) })
    .from(positions)
    .where(and(eq(positions.debateId, debateId), eq(positions.blockId, blockId)))
    .groupBy(positions.stance)) {
    tally[row.stance] = row.n
  }
  return tally
}
