/**
 * "Hidden never leaks" at a small scale with a fixed seed: a few drawn sequences of posts,
 * hides, deletions and phase changes, each step checked over REST, the live socket and a replay.
 * And the model's notion of what a reader must not find, on cases worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { forbidden, run, type Model, type ModelComment } from '../../torture/hidden-leak.ts'

describe('hidden never leaks', () => {
  it('shows no participant a hidden or deleted body, nor another’s private-phase argument', async () => {
    const result = await run({ seed: 20261203, scale: 0.05 })
    expect(result.notes ?? []).toEqual([])
    expect(result.checks.filter((c) => !c.pass)).toEqual([])
    expect(Number(result.figures.steps)).toBeGreaterThan(0)
    expect(Number(result.figures['replays from since=0'])).toBeGreaterThan(0)
  }, 120_000)

  it('forbids others’ hidden and deleted words, and everything of others in the private phase', () => {
    const comment = (id: number, where: ModelComment['where'], authorId: number, extra: Partial<ModelComment> = {}): ModelComment => ({
      id,
      where,
      anchor: 0,
      authorId,
      bodies: [`w${id}`],
      hidden: false,
      deleted: false,
      pending: false,
      ...extra,
    })
    const comments = [
      comment(1, 'public', 10, { hidden: true, bodies: ['w1', 'w1b'] }),
      comment(2, 'public', 11, { deleted: true }),
      comment(3, 'public', 11),
      comment(6, 'public', 12, { pending: true }),
      comment(4, 'seminar', 10),
      comment(5, 'seminar', 11),
    ]
    const privately: Model = { phase: 'private', preModeration: false, comments }
    expect([...forbidden(privately, 'public', 11).words.keys()]).toEqual(['w1', 'w1b', 'w6'])
    expect([...forbidden(privately, 'public', 10).words.keys()]).toEqual(['w2', 'w6'])
    expect([...forbidden(privately, 'public', null).words.keys()]).toEqual(['w1', 'w1b', 'w2', 'w6'])
    expect([...forbidden(privately, 'public', 11).ids]).toEqual([6])
    expect(forbidden(privately, 'public', 12).ids.size).toBe(0)
    expect([...forbidden(privately, 'seminar', 11).ids]).toEqual([4])
    expect([...forbidden(privately, 'seminar', 11).words.keys()]).toEqual(['w4'])
    const open: Model = { phase: 'open', preModeration: false, comments }
    expect(forbidden(open, 'seminar', 11).ids.size).toBe(0)
    expect(forbidden(open, 'seminar', 11).words.size).toBe(0)
  })
})
