/** Builds every repository on one database handle. */
import type { DB } from '../../db/client.ts'
import type { Config } from '../config.ts'
import { CommentsRepository } from './comments.ts'
import { DebatesRepository } from './debates.ts'
import { EssaysRepository } from './essays.ts'
import { EventsRepository } from './events.ts'
import { MembersRepository } from './members.ts'
import { ModerationRepository } from './moderation.ts'
import { PositionsRepository } from './positions.ts'
import { RecordsRepository } from './records.ts'
import { SeminarsRepository } from './seminars.ts'
import { createRoomRepositories } from './rooms.ts'
import { SessionsRepository } from './sessions.ts'
import { UsersRepository } from './users.ts'
import { WatchedWordsRepository } from './watched-words.ts'

export function createRepositories(db: DB, config: Pick<Config, 'sessionIdleMs' | 'sessionMaxMs'>) {
  const debates = new DebatesRepository(db)
  const comments = new CommentsRepository(db)
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }),
    essays: new EssaysRepository(db),
    debates,
    comments,
    positions: new PositionsRepository(db),
    events: new EventsRepository(db),
    moderation: new ModerationRepository(db, comments, debates),
    members: new MembersRepository(db, debates),
    watchedWords: new WatchedWordsRepository(db),
    seminars: new SeminarsRepository(db, debates),
    records: new RecordsRepository(db),
    ...createRoomRepositories(db),
  }
}
export type Repositories = ReturnType<typeof createRepositories>
