/**
 * Fixtures for the seminar leaders' views: an essay's blocks, a room shaped like the
 * server's, and a fake server that answers the views' `mg-leader-call` events through the
 * real API client and records each request it receives.
 */
import type { MgLeaderCallEvent } from '../../client/events/leader-call.ts'
import type { Block } from '../../client/services/api.ts'
import type { Room } from '../../client/services/seminar-api.ts'
import { fakeServer as recordingApi, type Recorded } from './seminar-helpers.ts'

export const SLUG = 'ethik-7b-x1y2z'

/** A heading and `n` paragraphs p-1 … p-n, with `counts` per paragraph where given. */
export function blocks(n = 3, counts: Record<string, { pro: number; contra: number }> = {}): Block[] {
  const heading: Block = {
    anchor: 'h-1',
    kind: 'heading',
    text: 'Sora',
    counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
    positions: { pro: 0, contra: 0, undecided: 0 },
    myPosition: null,
  }
  const paragraphs = Array.from({ length: n }, (_, i): Block => {
    const anchor = `p-${i + 1}`
    const c = counts[anchor] ?? { pro: 0, contra: 0 }
    return {
      anchor,
      kind: 'paragraph',
      text: `Text of paragraph ${i + 1}, long enough to be cut short in a chooser.`,
      counts: { comments: c.pro + c.contra, pro: c.pro, contra: c.contra, neutral: 0 },
      positions: { pro: 0, contra: 0, undecided: 0 },
      myPosition: null,
    }
  })
  return [heading, ...paragraphs]
}

export function room(overrides: Partial<Room> = {}): Room {
  return {
    phase: 'reading',
    anonymous: false,
    spotlight: null,
    poll: null,
    queue: [],
    speaker: null,
    timer: null,
    members: 4,
    seq: 10,
    now: new Date().toISOString(),
    joinCode: { joinCode: 'ABCDEFGH', expiresAt: '2030-01-01T12:00:00.000Z' },
    ...overrides,
  }
}

export type Request = Recorded

/** Answers leader calls as the page does (`e.send(api, debate)`), over a fetch that records requests. */
export function fakeServer(reply: (r: Request) => { status?: number; body?: unknown } = () => ({})) {
  const { api, requests } = recordingApi((method, path, body) => {
    const answer = reply({ method, path, body })
    return { status: answer.status ?? (method === 'DELETE' ? 204 : 200), body: answer.body }
  })
  const answer = (e: MgLeaderCallEvent) => e.respondWith(e.send(api, SLUG))
  return { requests, answer, api }
}

/** Lets pending requests and the renders after them finish. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
}
