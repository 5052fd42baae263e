import { describe, expect, it, vi } from 'vitest'
import type { Api } from '../../client/services/api.ts'
import type { LiveEvent, Poll, QueueEntry, Room } from '../../client/services/types.ts'
import { LiveReader } from '../../client/handlers/live.ts'
import { debateLoaded, debateLoading } from '../../client/state/debate.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { initialLive } from '../../client/state/live.ts'
import { applySeminarEvent, currentPhase, myHand, roomLoaded, seminarReset } from '../../client/state/seminar.ts'
import { remainingSeconds } from '../../client/views/seminar-shared/countdown-controller.ts'
import { loadFollowLeader, saveFollowLeader } from '../../client/views/seminar/follow.ts'
import { initialState, type AppState } from '../../client/state/store.ts'
import { testContext } from './handlers.ts'
import { block } from './helpers.ts'

const poll = (overrides: Partial<Poll> = {}): Poll => ({
  id: 1,
  anchor: 'p-1',
  before: null,
  status: 'open',
  votes: 0,
  openedAt: '2026-01-01T10:00:00.000Z',
  closedAt: null,
  ...overrides,
})

const entry = (id: number, userId: number, overrides: Partial<QueueEntry> = {}): QueueEntry => ({
  id,
  user: { id: userId, name: `User ${userId}` },
  anchor: 'p-1',
  kind: 'argument',
  raisedAt: '2026-01-01T10:00:00.000Z',
  ...overrides,
})

const room = (overrides: Partial<Room> = {}): Room => ({
  phase: 'reading',
  anonymous: false,
  spotlight: null,
  poll: null,
  queue: [],
  speaker: null,
  timer: null,
  members: 3,
  seq: 10,
  groups: { state: null, groups: [], mine: null, ungrouped: [] },
  now: '2026-01-01T10:00:00.000Z',
  ...overrides,
})

function seminar(r: Room = room()): AppState {
  let s: AppState = { ...initialState(), live: initialLive('me') }
  s = debateLoading(s, 'class-1')
  s = debateLoaded(
    s,
    {
      slug: 'class-1',
      title: 'Class',
      state: 'open',
      visibility: 'private',
      seq: 10,
      seminar: { phase: r.phase, anonymous: r.anonymous, spotlight: r.spotlight },
    },
    { slug: 'sora', title: 'Sora', blocks: [block('p-1'), block('p-2')] },
  )
  return roomLoaded(s, r, Date.parse(r.now))
}

let seq = 10
type EventOf<T extends LiveEvent['type']> = Extract<LiveEvent, { type: T }>
const event = <T extends LiveEvent['type']>(type: T, fields: Omit<EventOf<T>, 'type' | 'debate' | 'seq'>): EventOf<T> =>
  ({ type, debate: 'class-1', seq: ++seq, ...fields }) as EventOf<T>

describe('the seminar slice', () => {
  it('takes a whole room and the clock skew from it', () => {
    const s = roomLoaded(
      seminar(),
      room({ phase: 'open', spotlight: 'p-2', members: 7, now: '2026-01-01T10:00:05.000Z' }),
      Date.parse('2026-01-01T10:00:00.000Z'),
    )
    expect(s.seminar.room?.members).toBe(7)
    expect(s.seminar.skewMs).toBe(5000)
    expect(s.debate?.info?.seminar).toEqual({ phase: 'open', anonymous: false, spotlight: 'p-2' })
    expect(currentPhase(s)).toBe('open')
  })

  it('changes phase and spotlight, and the debate follows', () => {
    let s = applyLiveEvent(seminar(), event('phase.changed', { phase: 'private' }))
    expect(s.seminar.room?.phase).toBe('private')
    expect(s.debate?.info?.seminar?.phase).toBe('private')
    s = applyLiveEvent(s, event('spotlight.changed', { anchor: 'p-2' }))
    expect(s.seminar.room?.spotlight).toBe('p-2')
    s = applyLiveEvent(s, event('spotlight.changed', { anchor: null }))
    expect(s.seminar.room?.spotlight).toBeNull()
  })

  it("opens a poll, counts votes, and closes it keeping the reader's vote", () => {
    let s = applyLiveEvent(seminar(), event('poll.opened', { poll: poll({ id: 4 }) }))
    expect(s.seminar.room?.poll).toMatchObject({ id: 4, status: 'open', votes: 0, mine: null })
    s = { ...s, seminar: { ...s.seminar, room: { ...s.seminar.room!, poll: { ...s.seminar.room!.poll!, mine: 'pro' } } } }
    s = applyLiveEvent(s, event('poll.count', { poll: 4, votes: 3 }))
    expect(s.seminar.room?.poll?.votes).toBe(3)
    // A count for another poll changes nothing.
    s = applyLiveEvent(s, event('poll.count', { poll: 99, votes: 50 }))
    expect(s.seminar.room?.poll?.votes).toBe(3)
    const results = { pro: 2, contra: 1, undecided: 0 }
    s = applyLiveEvent(s, event('poll.closed', { poll: poll({ id: 4, status: 'closed', votes: 3, results }) }))
    expect(s.seminar.room?.poll).toMatchObject({ id: 4, status: 'closed', results, mine: 'pro' })
  })

  it('keeps the "before" round when its "after" round opens', () => {
    let s = seminar(room({ poll: poll({ id: 4, status: 'closed', mine: 'contra', results: { pro: 1, contra: 1, undecided: 0 } }) }))
    s = applyLiveEvent(s, event('poll.opened', { poll: poll({ id: 5, before: 4 }) }))
    expect(s.seminar.previous).toMatchObject({ id: 4, mine: 'contra' })
    expect(s.seminar.room?.poll?.id).toBe(5)
  })

  it('replaces the queue and the speaker', () => {
    const queue = [entry(2, 8, { kind: 'order' }), entry(1, 7)]
    const s = applyLiveEvent(seminar(), event('queue.changed', { queue, speaker: entry(3, 9) }))
    expect(s.seminar.room?.queue.map((e) => e.id)).toEqual([2, 1])
    expect(s.seminar.room?.speaker?.id).toBe(3)
    expect(myHand(s.seminar.room, 7)?.id).toBe(1)
    expect(myHand(s.seminar.room, 10)).toBeNull()
  })

  it('starts and stops the timer', () => {
    const timer = { startedAt: '2026-01-01T10:00:00.000Z', endsAt: '2026-01-01T10:01:00.000Z', seconds: 60 }
    let s = applyLiveEvent(seminar(), event('timer.started', { timer }))
    expect(s.seminar.room?.timer).toEqual(timer)
    s = applyLiveEvent(s, event('timer.stopped', {}))
    expect(s.seminar.room?.timer).toBeNull()
  })

  it('counts members and records a new join code', () => {
    let s = applyLiveEvent(seminar(), event('member.joined', { member: { id: 12, name: 'Eva' }, role: 'participant', members: 4 }))
    expect(s.seminar.room?.members).toBe(4)
    s = applyLiveEvent(s, event('join-code.changed', { joinCode: 'ABCDEFGH', expiresAt: '2026-01-02T10:00:00.000Z' }))
    expect(s.seminar.room?.joinCode).toEqual({ joinCode: 'ABCDEFGH', expiresAt: '2026-01-02T10:00:00.000Z' })
  })

  it('ignores events the room already holds, so a replay does not step back', () => {
    const s = seminar(room({ phase: 'open', seq: 30 }))
    const replayed = applySeminarEvent(s, { type: 'phase.changed', debate: 'class-1', phase: 'private', seq: 25 })
    expect(replayed.seminar.room?.phase).toBe('open')
    expect(applySeminarEvent(s, { type: 'phase.changed', debate: 'class-1', phase: 'closed', seq: 31 }).seminar.room?.phase).toBe('closed')
  })

  it('forgets the room when another debate opens', () => {
    expect(seminarReset(seminar()).seminar.room).toBeNull()
  })

  it("counts the timer down on the server's clock", () => {
    const timer = { startedAt: '2026-01-01T10:00:00.000Z', endsAt: '2026-01-01T10:01:00.000Z', seconds: 60 }
    // This device is 5 s behind the server: 10:00:15 here is 10:00:20 there.
    expect(remainingSeconds(timer, 5000, Date.parse('2026-01-01T10:00:15.000Z'))).toBe(40)
    expect(remainingSeconds(timer, 0, Date.parse('2026-01-01T10:02:00.000Z'))).toBe(0)
  })

  it('remembers whether the reader follows the leader', () => {
    expect(loadFollowLeader()).toBe(true)
    saveFollowLeader(false)
    expect(loadFollowLeader()).toBe(false)
    saveFollowLeader(true)
    expect(loadFollowLeader()).toBe(true)
  })
})

describe('what seminar events cause', () => {
  it('refetches the debate when the arguments are revealed', async () => {
    const api = { debate: vi.fn(() => new Promise(() => {})), request: vi.fn(() => new Promise(() => {})) } as unknown as Api
    const context = testContext(api, seminar(room({ phase: 'private' })))
    const store = context.store
    new LiveReader(context).message(event('phase.changed', { phase: 'open' }))
    expect(store.state.seminar.room?.phase).toBe('open')
    expect(api.debate).toHaveBeenCalledWith('class-1')
  })

  it('does not refetch when reading gives way to the private phase', () => {
    const api = { debate: vi.fn(() => new Promise(() => {})), request: vi.fn() } as unknown as Api
    new LiveReader(testContext(api, seminar(room({ phase: 'reading' })))).message(event('phase.changed', { phase: 'private' }))
    expect(api.debate).not.toHaveBeenCalled()
  })

  it("announces a new spotlight with the paragraph's number", () => {
    const context = testContext({ request: vi.fn() } as unknown as Api, seminar())
    const store = context.store
    new LiveReader(context).message(event('spotlight.changed', { anchor: 'p-2' }))
    expect(store.state.announcement?.text).toMatch(/paragraph 2/)
  })
})
