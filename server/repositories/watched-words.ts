/**
 * Watched words: a list per debate and one for the whole site (debateId null). Matching
 * lives in policy/watched-words.ts; adding and removing a word is logged as a moderation action.
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm'
import { perHandle, prepare, type DB } from '../../db/client.ts'
import { watchedWords, type WatchAction } from '../../db/schema.ts'
import { badRequest } from '../errors.ts'
import { patternProblem, type WordRule } from '../policy/watched-words.ts'
import type { WatchedWord } from '../schemas/moderation.ts'
import { ModerationRecords } from './moderation-records.ts'

export type WatchedWordRow = typeof watchedWords.$inferSelect

// Every post and edit is screened against these rules: prepared once per handle.
const statements = perHandle((db) => ({
  rules: prepare(
    db,
    'watched_words_rules',
    db
      .select({ pattern: watchedWords.pattern, action: watchedWords.action })
      .from(watchedWords)
      .where(or(eq(watchedWords.debateId, sql.placeholder('debateId')), isNull(watchedWords.debateId)))
      .orderBy(asc(watchedWords.id)),
  ),
}))

export class WatchedWordsRepository {
  constructor(private readonly db: DB) {}

  /** The rules that apply in a debate: its own and the site-wide ones. */
  async rulesFor(debateId: number): Promise<WordRule[]> {
    return statements(this.db).rules.execute({ debateId })
  }

  /** A debate's own list (with `includeSite`, the site-wide words too), or the site-wide list for null. */
  async list(debateId: number | null, includeSite = false): Promise<WatchedWord[]> {
    const scope =
      debateId === null
        ? isNull(watchedWords.debateId)
        : includeSite
          ? or(eq(watchedWords.debateId, debateId), isNull(watchedWords.debateId))
          : eq(watchedWords.debateId, debateId)
    const rows = await this.db.select().from(watchedWords).where(scope).orderBy(asc(watchedWords.id))
    return rows.map(toView)
  }

  /** The word with this id in the given list (a debate's, or the site-wide one for null). */
  async byId(id: number, debateId: number | null): Promise<WatchedWordRow | undefined> {
    const [row] = await this.db
      .select()
      .from(watchedWords)
      .where(and(eq(watchedWords.id, id), debateId === null ? isNull(watchedWords.debateId) : eq(watchedWords.debateId, debateId)))
      .limit(1)
    return row
  }

  async add(debateId: number | null, pattern: string, action: WatchAction, actorId: number, now = Date.now()): Promise<WatchedWord> {
    const problem = patternProblem(pattern)
    if (problem) throw badRequest(`body/${problem}`)
    return this.db.transaction(
      async (tx) => {
        const [row] = await tx
          .insert(watchedWords)
          .values({ debateId, pattern: pattern.trim(), action, createdBy: actorId, createdAt: now })
          .returning()
        await ModerationRecords.log(tx, {
          debateId,
          actorId,
          action: 'watch-word',
          target: { type: 'word', id: row!.id },
          snapshot: { pattern: row!.pattern, action: row!.action },
          at: now,
        })
        return toView(row!)
      },
      { lock: debateId ?? undefined },
    )
  }

  async remove(word: WatchedWordRow, actorId: number, now = Date.now()): Promise<void> {
    await this.db.transaction(
      async (tx) => {
        await tx.delete(watchedWords).where(eq(watchedWords.id, word.id))
        await ModerationRecords.log(tx, {
          debateId: word.debateId,
          actorId,
          action: 'unwatch-word',
          target: { type: 'word', id: word.id },
          snapshot: { pattern: word.pattern, action: word.action },
          at: now,
        })
      },
      { lock: word.debateId ?? undefined },
    )
  }
}

function toView(row: WatchedWordRow): WatchedWord {
  return {
    id: row.id,
    pattern: row.pattern,
    action: row.action,
    scope: row.debateId === null ? 'site' : 'debate',
    createdAt: new Date(row.createdAt).toISOString(),
  }
}
