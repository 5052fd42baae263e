/** Builds every repository on one database handle. */
import type { DB } from '../../db/client.ts'
import type { Config } from '../config.ts'
import { CommentsRepository } from './comments.ts'
import { DebatesRepository } from './debates.ts'
import { EssaysRepository } from './essays.ts'
import { EventsRepository } from './events.ts'
import { PositionsRepository } from './positions.ts'
import { SessionsRepository } from './sessions.ts'
import { UsersRepository } from './users.ts'

export function createRepositories(db: DB, config: Pick<Config, 'sessionIdleMs' | 'sessionMaxMs'>) {
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }),
    essays: new EssaysRepository(db),
    debates: new DebatesRepository(db),
    comments: new CommentsRepository(db),
    positions: new PositionsRepository(db),
    events: new EventsRepository(db),
  }
}
export type Repositories = ReturnType<typeof createRepositories>
