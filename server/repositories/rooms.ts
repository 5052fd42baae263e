/**
 * The room: everything a participant needs to follow a seminar at once (phase, spotlight,
 * poll, speaker queue, timer, how many have joined, the groups), as one reader may see it. `GET /room`
 * answers with it, and the live `subscribed` reply carries it, read in one snapshot with the
 * debate whose seq it names (`db.snapshot`, whose handle the caller passes in), so a late
 * joiner continues from exactly that state.
 *
 * The polls, the speaker queue and the groups live in their own repositories;
 * `createRoomRepositories` builds the four together.
 */
import { count, eq } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { debateMembers } from '../../db/schema.ts'
import { presentQueue, type ViewerClass } from '../policy/visibility.ts'
import type { Room } from '../schemas/seminars.ts'
import type { DebateRow } from './debates.ts'
import { GroupsRepository } from './groups.ts'
import { currentCode, shownCode } from './seminars.ts'
import { PollsRepository } from './polls.ts'
import { SpeakersRepository } from './speakers.ts'

export class RoomsRepository {
  constructor(
    private readonly db: DB,
    private readonly polls: PollsRepository,
    private readonly speakers: SpeakersRepository,
    private readonly groups: GroupsRepository,
  ) {}

  /**
   * The seminar's room as this reader sees it: their own vote on the poll, people by pseudonym
   * where the seminar is anonymous, and the join code for the leaders only. Read on `tx`: the
   * snapshot the caller read `debate` in, so that the room is the state as of its seq.
   */
  async room(debate: DebateRow, viewer: ViewerClass, tx: Tx = this.db, now = Date.now()): Promise<Room> {
    if (debate.phase === null) throw new Error(`Debate ${debate.slug} is not a seminar`)
    const poll = await this.polls.current(debate, viewer.userId, tx)
    const queue = await this.speakers.state(debate.id, tx)
    const [members] = await tx.select({ n: count() }).from(debateMembers).where(eq(debateMembers.debateId, debate.id))
    const room: Room = {
      phase: debate.phase,
      anonymous: debate.anonymous,
      spotlight: debate.spotlight,
      poll,
      ...presentQueue(queue, viewer),
      timer: this.speakers.timer(debate),
      members: members?.n ?? 0,
      seq: debate.seq,
      now: new Date(now).toISOString(),
      groups: await this.groups.groups(debate, viewer, tx),
    }
    if (viewer.moderator) room.joinCode = shownCode(currentCode(debate, now))
    return room
  }
}

/** The polls, the speaker queue, the groups and the room that shows them, on one database handle. */
export function createRoomRepositories(db: DB) {
  const polls = new PollsRepository(db)
  const speakers = new SpeakersRepository(db)
  const groups = new GroupsRepository(db)
  return { polls, speakers, groups, rooms: new RoomsRepository(db, polls, speakers, groups) }
}
