/**
 * The back-off behind failed logins and join codes: free failures, then a wait that doubles up
 * to a cap, a budget that does not come back while the key keeps failing, and successes that
 * never count. Time is passed in, so nothing here waits.
 */
import { describe, expect, it } from 'vitest'
import { BackOff, RecentKeys } from '../../server/plugins/app/rate-limiter.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND

describe('BackOff', () => {
  it('lets the free failures pass, then doubles the wait up to its cap', () => {
    const b = new BackOff(3, 15 * MINUTE, SECOND, 8 * SECOND)
    const t = 1_000_000
    for (let i = 0; i < 3; i++) expect(b.fail('a', t).ok).toBe(true)
    expect(b.check('a', t).ok).toBe(true)
    const waits = [1, 2, 3, 4, 5].map((i) => b.fail('a', t + i * 10 * SECOND).retryAfterMs)
    expect(waits).toEqual([SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND, 8 * SECOND])
    expect(b.check('a', t + 50 * SECOND + 1).ok).toBe(false)
    expect(b.check('a', t + 58 * SECOND).ok).toBe(true)
    expect(b.check('b', t).ok).toBe(true)
  })

  it('gives no new free budget to a key that keeps failing, and forgives one that stopped', () => {
    const b = new BackOff(2, 15 * MINUTE, SECOND, MINUTE)
    let t = 0
    b.fail('a', t)
    b.fail('a', t)
    // One failure a minute, for an hour: every one of them past the budget.
    const passed: boolean[] = []
    for (let i = 0; i < 60; i++) passed.push(b.fail('a', (t += MINUTE)).ok)
    expect(passed.every((ok) => !ok)).toBe(true)
    expect(b.failing('a', t)).toBe(true)
    // A whole window after its last back-off, the key starts over.
    t += MINUTE + 15 * MINUTE
    expect(b.failing('a', t)).toBe(false)
    expect(b.fail('a', t).ok).toBe(true)
  })
})

describe('RecentKeys', () => {
  it('remembers a key for its time after it was last noted', () => {
    const r = new RecentKeys(MINUTE)
    r.note('x', 0)
    expect(r.has('x', MINUTE - 1)).toBe(true)
    expect(r.has('x', MINUTE)).toBe(false)
    r.note('x', MINUTE)
    r.sweep(MINUTE + 1)
    expect(r.has('x', MINUTE + 1)).toBe(true)
    expect(r.has('y', 0)).toBe(false)
  })
})
