/**
 * Fixtures for the seminar leaders' views: an essay's blocks, a room shaped like the
 * server's, and a fake server behind the leaders' own handlers, which answer the views'
 * requests through the real API client; it records each request it receives.
 */
import { leaderHandlers } from '../../client/views/leader/handlers.ts'
import type { Block, Room } from '../../client/services/types.ts'
import { afterEach } from 'vitest'
import { register } from '../../client/handlers/context.ts'
import { testContext, withDebate } from './handlers.ts'
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
    groups: { state: null, groups: [], mine: null, ungrouped: [] },
    now: new Date().toISOString(),
    joinCode: { joinCode: 'ABCDEFGH', expiresAt: '2030-01-01T12:00:00.000Z' },
    ...overrides,
  }
}

export type Request = Recorded

let serving: (() => void) | null = null
afterEach(() => {
  serving?.()
  serving = null
})

/**
 * Answers the leaders' requests anywhere in the document as the page does, over a fetch that
 * records requests; a newer fake server takes over from the one before.
 */
export function fakeServer(reply: (r: Request) => { status?: number; body?: unknown } = () => ({})) {
  const { api, requests } = recordingApi((method, path, body) => {
    const answer = reply({ method, path, body })
    return { status: answer.status ?? (method === 'DELETE' ? 204 : 200), body: answer.body }
  })
  serving?.()
  serving = register(document, leaderHandlers, testContext(api, withDebate(SLUG)))
  return { requests, api }
}
