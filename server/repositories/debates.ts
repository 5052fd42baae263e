/**
 * Debates: the public list, one debate with its essay and every paragraph's tally, its
 * moderation settings and locked paragraphs, and the members' roles and mutes that the
 * guardian consults.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { perHandle, prepare, type DB, type Tx } from '../../db/client.ts'
import {
  blocks,
  comments,
  debateMembers,
  debates,
  essays,
  paragraphLocks,
  positions,
  users,
  type MemberRole,
  type Position,
  paragraphCounts,
} from '../../db/schema.ts'
import type { Counts, Positions } from '../schemas/comments.ts'
import type { DebateSettings } from '../schemas/debates.ts'
import type { UserRow } from './users.ts'
import { GroupsRepository } from './groups.ts'

export type DebateRow = typeof debates.$inferSelect
export type BlockRow = typeof blocks.$inferSelect

/** A paragraph as the routes on it need it: which one, not its text. */
export type ParagraphRef = Pick<BlockRow, 'id' | 'anchor'>

/** Where a paragraph's thread is: its debate's id and its block's. */
export interface ParagraphIds {
  debateId: number
  blockId: number
}

/** How many debate-and-anchor pairs `knownParagraph` remembers before it starts over. */
const KNOWN_PARAGRAPHS = 10_000

export interface BlockView {
  anchor: string
  kind: 'heading' | 'paragraph'
  text: string
  counts: Counts
  positions: Positions
  myPosition: Position | null
  locked: boolean
}

export interface Membership {
  role: MemberRole
  /** Muted until then (ms); null when not muted. */
  mutedUntil: number | null
  /** The small group they are in, if the seminar has groups. */
  groupId: number | null
}

/** A muted member with no end: later than any date a person will see. */
export const MUTED_INDEFINITELY = 8_640_000_000_000_000

/**
 * The comments that count in tallies: published, neither hidden, deleted nor removed. The same
 * for every reader, so a count never reveals what a reader may not see.
 */
export const counted = sql`(${comments.status} = 'published' and ${comments.deletedAt} is null and ${comments.hiddenAt} is null and ${comments.removedAt} is null)`

export const emptyCounts = (): Counts => ({ comments: 0, pro: 0, contra: 0, neutral: 0 })
export const emptyPositions = (): Positions => ({ pro: 0, contra: 0, undecided: 0 })

// Every API request on a debate looks it up, its paragraph and the reader's membership:
// prepared once per handle, so neither drizzle nor the database compiles them again per request.
const statements = perHandle((db) => {
  const member = and(eq(debateMembers.debateId, sql.placeholder('debateId')), eq(debateMembers.userId, sql.placeholder('userId')))
  return {
    bySlug: prepare(
      db,
      'debates_by_slug',
      db
        .select()
        .from(debates)
        .where(eq(debates.slug, sql.placeholder('slug'))),
    ),
    paragraph: prepare(
      db,
      'debates_paragraph',
      db
        .select()
        .from(blocks)
        .where(
          and(
            eq(blocks.essayId, sql.placeholder('essayId')),
            eq(blocks.anchor, sql.placeholder('anchor')),
            eq(blocks.kind, 'paragraph'),
            isNull(blocks.removedAt),
          ),
        ),
    ),
    // A paragraph's routes need both, and on Postgres each statement is a round trip.
    withParagraph: prepare(
      db,
      'debates_with_paragraph',
      db
        .select({ debate: debates, block: { id: blocks.id, anchor: blocks.anchor } })
        .from(debates)
        .leftJoin(
          blocks,
          and(
            eq(blocks.essayId, debates.essayId),
            eq(blocks.anchor, sql.placeholder('anchor')),
            eq(blocks.kind, 'paragraph'),
            isNull(blocks.removedAt),
          ),
        )
        .where(eq(debates.slug, sql.placeholder('slug'))),
    ),
    membership: prepare(
      db,
      'debates_membership',
      db
        .select({ role: debateMembers.role, mutedUntil: debateMembers.mutedUntil, groupId: debateMembers.groupId })
        .from(debateMembers)
        .where(member),
    ),
    locked: prepare(
      db,
      'debates_locked',
      db
        .select({ blockId: paragraphLocks.blockId })
        .from(paragraphLocks)
        .where(and(eq(paragraphLocks.debateId, sql.placeholder('debateId')), eq(paragraphLocks.blockId, sql.placeholder('blockId')))),
    ),
  }
})

/** Sums the rows for which `condition` holds, on either engine (Postgres does not sum booleans). */
export const countWhere = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`

export class DebatesRepository {
  private readonly known = new Map<string, ParagraphIds>()

  constructor(private readonly db: DB) {}

  async bySlug(slug: string, tx: Tx = this.db): Promise<DebateRow | undefined> {
    const [row] = await statements(tx).bySlug.execute({ slug })
    return row
  }

  /** The debate by slug and its current paragraph with this anchor, in one statement. */
  async withParagraph(slug: string, anchor: string): Promise<{ debate: DebateRow | undefined; block: ParagraphRef | undefined }> {
    const [row] = await statements(this.db).withParagraph.execute({ slug, anchor })
    if (row?.block) {
      if (this.known.size >= KNOWN_PARAGRAPHS) this.known.clear()
      this.known.set(`${slug}\n${anchor}`, { debateId: row.debate.id, blockId: row.block.id })
    }
    return { debate: row?.debate, block: row?.block ?? undefined }
  }

  /**
   * The ids this debate's paragraph had when `withParagraph` last found it here, if it did: a
   * guess, good for starting a read early, to be checked against what `withParagraph` finds.
   */
  knownParagraph(slug: string, anchor: string): ParagraphIds | undefined {
    return this.known.get(`${slug}\n${anchor}`)
  }

  /** The current seq of each of these debates, by slug. */
  async seqs(slugs: readonly string[]): Promise<Map<string, number>> {
    if (slugs.length === 0) return new Map()
    const rows = await this.db
      .select({ slug: debates.slug, seq: debates.seq })
      .from(debates)
      .where(inArray(debates.slug, [...slugs]))
    return new Map(rows.map((r) => [r.slug, r.seq]))
  }

  async byId(id: number, tx: Tx = this.db): Promise<DebateRow | undefined> {
    const [row] = await tx.select().from(debates).where(eq(debates.id, id))
    return row
  }

  async create(values: { slug: string; title: string; essayId: number; visibility?: 'public' | 'private' }): Promise<DebateRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(debates).values(values).returning()
      return row!
    })
  }

  /**
   * Public debates, and the private ones the user belongs to. A seminar in its private phase
   * shows its participants no count (the leaders and `admin` still see it).
   */
  async list(userId: number | null, admin = false) {
    const visible =
      userId === null ? eq(debates.visibility, 'public') : or(eq(debates.visibility, 'public'), isNotNull(debateMembers.userId))
    return this.db
      .select({
        slug: debates.slug,
        title: debates.title,
        state: debates.state,
        visibility: debates.visibility,
        essay: { slug: essays.slug, title: essays.title },
        comments: sql<number>`case when ${debates.phase} = 'private' and ${admin ? sql`false` : sql`true`}
          and coalesce(${debateMembers.role}, '') not in ('owner', 'moderator') then 0
          else (select count(*) from ${comments} where ${comments.debateId} = ${debates.id} and ${counted}) end`,
      })
      .from(debates)
      .innerJoin(essays, eq(essays.id, debates.essayId))
      .leftJoin(debateMembers, and(eq(debateMembers.debateId, debates.id), eq(debateMembers.userId, userId ?? -1)))
      .where(visible)
      .orderBy(asc(debates.createdAt), asc(debates.id))
  }

  async roleOf(debateId: number, userId: number, tx: Tx = this.db): Promise<MemberRole | undefined> {
    return (await this.membership(debateId, userId, tx))?.role
  }

  async membership(debateId: number, userId: number, tx: Tx = this.db): Promise<Membership | undefined> {
    const [row] = await statements(tx).membership.execute({ debateId, userId })
    return row
  }

  /** The roles and groups of these users in a debate (users without a role are missing), in one query. */
  async rolesOf(debateId: number, userIds: readonly number[]): Promise<Map<number, { role: MemberRole; groupId: number | null }>> {
    const out = new Map<number, { role: MemberRole; groupId: number | null }>()
    if (userIds.length === 0) return out
    for (const row of await this.db
      .select({ userId: debateMembers.userId, role: debateMembers.role, groupId: debateMembers.groupId })
      .from(debateMembers)
      .where(and(eq(debateMembers.debateId, debateId), inArray(debateMembers.userId, [...new Set(userIds)])))) {
      out.set(row.userId, { role: row.role, groupId: row.groupId })
    }
    return out
  }

  /** The member of this debate with this name (regardless of case), guests included. */
  async memberNamed(debateId: number, name: string, tx: Tx = this.db): Promise<UserRow | undefined> {
    const [row] = await tx
      .select({ user: users })
      .from(users)
      .innerJoin(debateMembers, and(eq(debateMembers.userId, users.id), eq(debateMembers.debateId, debateId)))
      .where(sql`lower(${users.username}) = lower(${name})`)
      .limit(1)
    return row?.user
  }

  /** Members, and everyone who wrote in the debate without being one, by name. */
  async members(debateId: number) {
    const wrote = sql`${users.id} in (select ${comments.authorId} from ${comments} where ${comments.debateId} = ${debateId})`
    const rows = await this.db
      .select({
        id: users.id,
        username: users.username,
        bannedAt: users.bannedAt,
        role: debateMembers.role,
        mutedUntil: debateMembers.mutedUntil,
        guest: sql<boolean>`${users.guestDebateId} is not null`.mapWith(Boolean),
        pseudonym: debateMembers.pseudonym,
        displayName: debateMembers.displayName,
      })
      .from(users)
      .leftJoin(debateMembers, and(eq(debateMembers.userId, users.id), eq(debateMembers.debateId, debateId)))
      .where(or(isNotNull(debateMembers.userId), wrote))
      .orderBy(asc(users.usernameKey))
    return rows.map((m) => ({ ...m, role: m.role ?? ('participant' as const) }))
  }

  settingsOf(debate: DebateRow): DebateSettings {
    return {
      locked: debate.state === 'locked',
      slowModeSeconds: debate.slowModeSeconds,
      preModeration: debate.preModeration,
      flagThreshold: debate.flagThreshold,
    }
  }

  async isParagraphLocked(debateId: number, blockId: number, tx: Tx = this.db): Promise<boolean> {
    const rows = await statements(tx).locked.execute({ debateId, blockId })
    return rows.length > 0
  }

  async setRole(debateId: number, userId: number, role: MemberRole, tx?: Tx): Promise<void> {
    const write = (t: Tx) =>
      t
        .insert(debateMembers)
        .values({ debateId, userId, role })
        .onConflictDoUpdate({ target: [debateMembers.debateId, debateMembers.userId], set: { role } })
    if (tx) await write(tx)
    else await this.db.transaction(async (t) => void (await write(t)))
  }

  /** The current paragraph of a debate's essay with this anchor. */
  async paragraph(debate: DebateRow, anchor: string, tx: Tx = this.db): Promise<BlockRow | undefined> {
    const [row] = await statements(tx).paragraph.execute({ essayId: debate.essayId, anchor })
    return row
  }

  async essayOf(debate: DebateRow) {
    const [essay] = await this.db.select().from(essays).where(eq(essays.id, debate.essayId))
    if (!essay) throw new Error(`Debate ${debate.slug} has no essay`)
    return essay
  }

  /**
   * The essay's current blocks in reading order, each with its tally and the viewer's position.
   * With `hideOthers` (a seminar's private phase) the counts and the positions are the
   * viewer's own only, as their thread shows them; with `group` (group work) their group's
   * (null: in no group, their own only).
   */
  async blocksWithTallies(
    debate: DebateRow,
    viewerId: number | null,
    options: { hideOthers?: boolean; group?: number | null } = {},
  ): Promise<BlockView[]> {
    const own = options.hideOthers === true || options.group === null
    const group = own ? undefined : (options.group ?? undefined)
    const rows = await this.db
      .select()
      .from(blocks)
      .where(and(eq(blocks.essayId, debate.essayId), isNull(blocks.removedAt)))
      .orderBy(asc(blocks.position))
    const counts = new Map<number, Counts>()
    const tallied = own
      ? await this.ownCounts(debate.id, viewerId)
      : group === undefined
        ? await this.db.select().from(paragraphCounts).where(eq(paragraphCounts.debateId, debate.id))
        : [...(await GroupsRepository.counts(this.db, debate.id, group))].map(([blockId, c]) => ({ blockId, ...c }))
    for (const row of tallied) {
      counts.set(row.blockId, { comments: row.comments, pro: row.pro, contra: row.contra, neutral: row.neutral })
    }
    const tallies = group === undefined ? new Map<number, Positions>() : await GroupsRepository.positions(this.db, debate.id, group)
    if (group === undefined) {
      for (const row of await this.db
        .select({ blockId: positions.blockId, stance: positions.stance, n: sql<number>`count(*)`.mapWith(Number) })
        .from(positions)
        .where(eq(positions.debateId, debate.id))
        .groupBy(positions.blockId, positions.stance)) {
        const tally = tallies.get(row.blockId) ?? emptyPositions()
        tally[row.stance] = row.n
        tallies.set(row.blockId, tally)
      }
    }
    const mine = new Map<number, Position>()
    if (viewerId !== null) {
      for (const row of await this.db
        .select({ blockId: positions.blockId, stance: positions.stance })
        .from(positions)
        .where(and(eq(positions.debateId, debate.id), eq(positions.userId, viewerId)))) {
        mine.set(row.blockId, row.stance)
      }
    }
    const locked = new Set(
      (await this.db.select({ blockId: paragraphLocks.blockId }).from(paragraphLocks).where(eq(paragraphLocks.debateId, debate.id))).map(
        (r) => r.blockId,
      ),
    )
    const ownOnly = (blockId: number): Positions => {
      const tally = emptyPositions()
      const stance = mine.get(blockId)
      if (stance) tally[stance] = 1
      return tally
    }
    return rows.map((b) => ({
      anchor: b.anchor,
      kind: b.kind,
      text: b.text,
      counts: counts.get(b.id) ?? emptyCounts(),
      positions: own ? ownOnly(b.id) : (tallies.get(b.id) ?? emptyPositions()),
      myPosition: mine.get(b.id) ?? null,
      locked: locked.has(b.id),
    }))
  }

  /** The viewer's own comments that count (as in `paragraph_counts`), per paragraph. */
  private async ownCounts(debateId: number, viewerId: number | null) {
    if (viewerId === null) return []
    return this.db
      .select({
        blockId: comments.blockId,
        comments: sql<number>`count(*)`.mapWith(Number),
        pro: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'pro'`).mapWith(Number),
        contra: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'contra'`).mapWith(Number),
        neutral: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'neutral'`).mapWith(Number),
      })
      .from(comments)
      .where(
        and(
          eq(comments.debateId, debateId),
          eq(comments.authorId, viewerId),
          eq(comments.status, 'published'),
          isNull(comments.deletedAt),
          isNull(comments.hiddenAt),
          isNull(comments.removedAt),
        ),
      )
      .groupBy(comments.blockId)
  }
}
