/**
 * Essays and their blocks. Importing plans the anchors against the current version (see
 * essays/anchors.ts), so unchanged and lightly edited paragraphs keep their anchors and
 * comments; comments on a paragraph that was removed or rewritten are never deleted: they
 * are marked outdated, keep the wording they answered, and move to the nearest paragraph
 * of the new version. Each debate on the essay is told with an `essay.updated` event, and each
 * newly outdated argument waits in its debate's review queue, where a moderator reattaches
 * it to a paragraph of the new version or keeps it as outdated.
 */
import { createHash } from 'node:crypto'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { perHandle, prepare, type DB, type Tx } from '../../db/client.ts'
import { blocks, comments, debates, essays } from '../../db/schema.ts'
import { planAnchors, type AnchorPlan } from '../essays/anchors.ts'
import { parseEssay, type EssayFormat } from '../essays/parse.ts'
import type { StoredEvent } from '../schemas/live.ts'
import { EventsRepository } from './events.ts'
import { ModerationRecords } from './moderation-records.ts'

export type EssayRow = typeof essays.$inferSelect

export interface ImportResult {
  essay: EssayRow
  /** false when the source was identical to the current version. */
  changed: boolean
  plan: AnchorPlan | null
  /** Comments marked outdated by this import. */
  outdated: number
  events: StoredEvent[]
}

type BlockRow = typeof blocks.$inferSelect

// Prepared once per handle: an import writes up to ESSAY_LIMITS.blocks rows in one
// transaction, and building each statement anew would hold the write lock several times longer.
const statements = perHandle((db) => ({
  insertBlock: prepare(
    db,
    'essays_insert_block',
    db
      .insert(blocks)
      .values({
        essayId: sql.placeholder('essayId'),
        anchor: sql.placeholder('anchor'),
        kind: sql`${sql.placeholder('kind')}`,
        text: sql`${sql.placeholder('text')}`,
        position: sql`${sql.placeholder('position')}`,
      })
      .returning({ id: blocks.id }),
  ),
  updateBlock: prepare(
    db,
    'essays_update_block',
    db
      .update(blocks)
      .set({
        kind: sql`${sql.placeholder('kind')}`,
        text: sql`${sql.placeholder('text')}`,
        position: sql`${sql.placeholder('position')}`,
        removedAt: null,
      })
      .where(eq(blocks.id, sql.placeholder('id'))),
  ),
}))

export class EssaysRepository {
  constructor(private readonly db: DB) {}

  async bySlug(slug: string): Promise<EssayRow | undefined> {
    const [row] = await this.db.select().from(essays).where(eq(essays.slug, slug))
    return row
  }

  list(): Promise<EssayRow[]> {
    return this.db.select().from(essays).orderBy(asc(essays.id))
  }

  async currentBlocks(essayId: number) {
    return this.db
      .select()
      .from(blocks)
      .where(and(eq(blocks.essayId, essayId), isNull(blocks.removedAt)))
      .orderBy(asc(blocks.position))
  }

  /**
   * Imports a version of the essay. The anchors are planned before the write transaction, since
   * planning compares every changed block with every stored one and the write lock keeps every
   * other writer waiting; the transaction then checks that the essay is still the version the
   * plan was made against, and plans again if another import came first.
   */
  async import(source: string, slug: string, format?: EssayFormat): Promise<ImportResult> {
    const parsed = parseEssay(source, format)
    const sourceHash = createHash('sha256').update(source).digest('hex')
    for (;;) {
      const existing = await this.bySlug(slug)
      if (existing && existing.sourceHash === sourceHash) {
        return { essay: existing, changed: false, plan: null, outdated: 0, events: [] }
      }
      const previous = existing ? await this.currentBlocks(existing.id) : []
      const plan = planAnchors(
        previous.map((b) => ({ anchor: b.anchor, kind: b.kind, text: b.text })),
        parsed.blocks,
      )
      const result = await this.db.transaction(async (tx) => {
        const [current] = await tx.select().from(essays).where(eq(essays.slug, slug))
        if (current?.id !== existing?.id || current?.sourceHash !== existing?.sourceHash) return undefined
        return this.apply(tx, existing, { slug, title: parsed.title, sourceHash }, previous, plan)
      })
      if (result) return result
    }
  }

  /** Writes a planned version: blocks kept, added and removed, comments outdated, and the events. */
  private async apply(
    tx: Tx,
    existing: EssayRow | undefined,
    version: { slug: string; title: string; sourceHash: string },
    previous: BlockRow[],
    plan: AnchorPlan,
  ): Promise<ImportResult> {
    const { slug, title, sourceHash } = version
    const now = Date.now()
    const essay = existing ?? (await tx.insert(essays).values({ slug, title, sourceHash, createdAt: now, updatedAt: now }).returning())[0]!
    const rowsByAnchor = new Map((await tx.select().from(blocks).where(eq(blocks.essayId, essay.id))).map((b) => [b.anchor, b]))
    const idByAnchor = new Map<string, number>()
    const { updateBlock, insertBlock } = statements(tx)
    for (const [position, block] of plan.blocks.entries()) {
      const row = rowsByAnchor.get(block.anchor)
      if (row) {
        await updateBlock.execute({ id: row.id, kind: block.kind, text: block.text, position })
        idByAnchor.set(block.anchor, row.id)
      } else {
        const [inserted] = await insertBlock.execute({
          essayId: essay.id,
          anchor: block.anchor,
          kind: block.kind,
          text: block.text,
          position,
        })
        idByAnchor.set(block.anchor, inserted!.id)
      }
    }
    let outdated = 0
    const queued = new Set<number>()
    for (const gone of plan.removed) {
      const row = rowsByAnchor.get(gone.anchor)
      if (!row) continue
      await tx.update(blocks).set({ removedAt: now, position: null }).where(eq(blocks.id, row.id))
      const successor = successorOf(
        gone.anchor,
        previous.map((b) => b.anchor),
        plan,
      )
      const target = successor ? idByAnchor.get(successor) : undefined
      outdated += await this.markOutdated(tx, row.id, gone.text, target ?? row.id, now, queued)
    }
    if (existing) {
      await tx.update(essays).set({ title, sourceHash, updatedAt: now }).where(eq(essays.id, essay.id))
    }
    const events: StoredEvent[] = []
    const onEssay = await tx
      .select({ id: debates.id, slug: debates.slug })
      .from(debates)
      .where(eq(debates.essayId, essay.id))
      .orderBy(asc(debates.id))
    for (const debate of onEssay) {
      events.push(
        await EventsRepository.append(tx, debate, 'essay.updated', {
          essay: slug,
          edited: plan.edited,
          added: plan.added,
          removed: plan.removed.map((b) => b.anchor),
        }),
      )
      if (queued.has(debate.id)) events.push(await ModerationRecords.announceQueue(tx, debate))
    }
    const [saved] = await tx.select().from(essays).where(eq(essays.id, essay.id))
    return { essay: saved!, changed: true, plan, outdated, events }
  }

  /**
   * Marks a gone paragraph's comments outdated and moves them; each newly outdated argument
   * (its replies travel with it) gets an `outdated` queue item. Adds the debates concerned to `queued`.
   */
  private async markOutdated(
    tx: Tx,
    blockId: number,
    wording: string,
    targetBlockId: number,
    now: number,
    queued: Set<number>,
  ): Promise<number> {
    const affected = await tx
      .select({ id: comments.id, debateId: comments.debateId, parentId: comments.parentId, outdatedText: comments.outdatedText })
      .from(comments)
      .where(eq(comments.blockId, blockId))
    if (affected.length === 0) return 0
    const fresh = affected.filter((c) => c.outdatedText === null).map((c) => c.id)
    if (fresh.length > 0) await tx.update(comments).set({ outdatedText: wording }).where(inArray(comments.id, fresh))
    for (const c of affected) {
      if (c.outdatedText !== null || c.parentId !== null) continue
      if ((await ModerationRecords.openItem(tx, c.debateId, c.id, 'outdated', now)).opened) queued.add(c.debateId)
    }
    await tx.update(comments).set({ blockId: targetBlockId }).where(eq(comments.blockId, blockId))
    return fresh.length
  }
}

/**
 * Where a removed paragraph's comments go: the first paragraph of the new version after the
 * nearest earlier block that survived (for a rewritten paragraph, its rewrite), so they stay
 * where the reader left them.
 */
function successorOf(anchor: string, previousOrder: string[], plan: AnchorPlan): string | undefined {
  const kept = new Set(plan.blocks.map((b) => b.anchor))
  const before = previousOrder
    .slice(0, previousOrder.indexOf(anchor))
    .reverse()
    .find((a) => kept.has(a))
  const start = before === undefined ? 0 : plan.blocks.findIndex((b) => b.anchor === before) + 1
  return plan.blocks.slice(start).find((b) => b.kind === 'paragraph')?.anchor ?? plan.blocks.findLast((b) => b.kind === 'paragraph')?.anchor
}
