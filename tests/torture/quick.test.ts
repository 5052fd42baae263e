/**
 * A quick run of two torture experiments (torture/), against the real server in a child
 * process: resume under churn with a few drops and one restart, and the frame fuzz with about
 * fifty frames of each kind. `npm run torture` runs them, and the others, in full.
 */
import { describe, expect, it } from 'vitest'
import type { ExperimentResult } from '../../torture/experiment.ts'
import { frameFuzz } from '../../torture/frame-fuzz.ts'
import { resumeUnderChurn } from '../../torture/resume.ts'

const failed = (result: ExperimentResult) => result.checks.filter((c) => !c.pass).map((c) => `${c.claim}: ${c.figure}`)

describe('torture, quick', () => {
  it('a reader resuming through drops and a restart misses nothing and sees nothing twice', { timeout: 120_000 }, async () => {
    const result = await resumeUnderChurn({ seed: 20_260_401, scale: 0.03 })
    expect(failed(result), (result.notes ?? []).join('\n')).toEqual([])
    expect(result.checks.length).toBeGreaterThan(0)
    expect(result.figures['comments created']).toBeGreaterThan(0)
  })

  it.runIf(process.env.MARGINALIA_TEST_POSTGRES)(
    'three app servers on one Postgres, stopped and killed in turn: every socket gap-free, no acknowledged comment lost',
    { timeout: 240_000 },
    async () => {
      const { multiNode } = await import('../../torture/cluster.ts')
      const result = await multiNode({ seed: 20_260_403, scale: 0.05, cycles: 2 })
      expect(failed(result), (result.notes ?? []).join('\n')).toEqual([])
      expect(result.figures['comments acknowledged']).toBeGreaterThan(0)
    },
  )

  it('bad frames close only their socket, with the right code, while a reader keeps receiving', { timeout: 120_000 }, async () => {
    const result = await frameFuzz({ seed: 20_260_402, scale: 0.05 })
    expect(failed(result), (result.notes ?? []).join('\n')).toEqual([])
    expect(result.checks.length).toBeGreaterThan(0)
  })
})
