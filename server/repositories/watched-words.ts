/**
 * Watched words: a list per debate and one for the whole site (debateId null). Matching
 * lives in policy/watched-words.ts; adding and removing a word is logged as a moderation action.
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm'
import type { DB } from '../../db/client.ts'
import { watchedWords, type WatchAction } from '../../db/schema.ts'
import { badRequest } from '../errors.ts'
import { patternProblem, type WordRule } from '../policy/watched-words.ts'
import type { WatchedWord } from '../schemas/moderation.ts'
import { ModerationRecords } from './moderation-records.ts'

export type WatchedWordRow = typeof watchedWords.$inferSelect

export class WatchedWordsRepository {
  // Every post and edit is screened against these rules: prepared once.
  private readonly rules

  constructor(private readonly db: DB) {
    this.rules = db
      .select({ pattern: watchedWords.pattern, action: watchedWords.action })
      .from(watchedWords)
      .where(or(eq(watchedWords.debateId, sql.placeholder('debateId')), isNull(watchedWords.debateId)))
      .orderBy(asc(watchedWords.id))
      .prepare()
  }

  /** The rules that apply in a debate: its own and the site-wide ones. */
  rulesFor(debateId: number): WordRule[] {
    return this.rules.all({ debateId })
  }

  /** A debate's own list (with `includeSite`, the site-wide words too), or the site-wide list for null. */
  list(debateId: number | null, includeSite = false): WatchedWord[] {
    const scope =
      debateId === null
        ? isNull(watchedWords.debateId)
        : includeSite
          ? or(eq(watchedWords.debateId, debateId), isNull(watchedWords.debateId))
          : eq(watchedWords.debateId, debateId)
    return this.db.select().from(watchedWords).where(scope).orderBy(asc(watchedWords.id)).all().map(toView)
  }

  /** The word with this id in the given list (a debate's, or the site-wide one for null). */
  byId(id: number, debateId: number | null): WatchedWordRow | undefined {
    return this.db
      .select()
      .from(watchedWords)
      .where(and(eq(watchedWords.id, id), debateId === null ? isNull(watchedWords.debateId) : eq(watchedWords.debateId, debateId)))
      .get()
  }

  add(debateId: number | null, pattern: string, action: WatchAction, actorId: number, now = Date.now()): WatchedWord {
    const problem = patternProblem(pattern)
    if (problem) throw badRequest(`body/${problem}`)
    return this.db.transaction((tx) => {
      const row = tx
        .insert(watchedWords)
        .values({ debateId, pattern: pattern.trim(), action, createdBy: actorId, createdAt: now })
        .returning()
        .get()
      ModerationRecords.log(tx, {
        debateId,
        actorId,
        action: 'watch-word',
        target: { type: 'word', id: row.id },
        snapshot: { pattern: row.pattern, action: row.action },
        at: now,
      })
      return toView(row)
    })
  }

  remove(word: WatchedWordRow, actorId: number, now = Date.now()): void {
    this.db.transaction((tx) => {
      tx.delete(watchedWords).where(eq(watchedWords.id, word.id)).run()
      ModerationRecords.log(tx, {
        debateId: word.debateId,
        actorId,
        action: 'unwatch-word',
        target: { type: 'word', id: word.id },
        snapshot: { pattern: word.pattern, action: word.action },
        at: now,
      })
    })
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
