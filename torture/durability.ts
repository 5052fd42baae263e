/**
 * kill -9 durability: writers post over many accounts while the server is killed at random
 * moments. After each kill the file is checked read-only (integrity, every acknowledged post
 * present), then the server restarts on it and the writers send what was not acknowledged
 * again, with the same clientKey: nothing acknowledged may be lost, nothing stored twice.
 */
import { inspect } from './database.ts'
import { check, n, scaled, type Experiment } from './experiment.ts'
import { Http } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'
import { Writers } from './writers.ts'

export const killDurability: Experiment = async ({ seed, scale, cycles: cyclesOption }) => {
  const random = new Random(seed)
  const cycles = cyclesOption ?? scaled(30, scale)
  const writerCount = scaled(100, scale, 4)
  const server = await ServerProcess.start()
  const http = new Http(server.url, server.origin)
  const notes: string[] = []
  try {
    const writers = await Writers.register(http, writerCount, random.fork())
    let integrityFailures = 0
    let lostAfterKill = 0
    let duplicatesAfterKill = 0
    writers.start()
    for (let cycle = 1; cycle <= cycles; cycle++) {
      await sleep(random.int(200, 2500))
      await server.kill()
      writers.down()
      const seen = inspect(server.databasePath, writers.acknowledged)
      if (seen.integrity !== 'ok') {
        integrityFailures++
        notes.push(`cycle ${cycle}: integrity_check: ${seen.integrity.slice(0, 300)}`)
      }
      lostAfterKill += seen.lost.length
      duplicatesAfterKill += seen.duplicates
      if (seen.lost.length > 0) notes.push(`cycle ${cycle}: lost ${seen.lost.slice(0, 5).join(', ')}`)
      process.stderr.write(
        `  cycle ${cycle}/${cycles}: ${n(writers.acknowledged.size)} acknowledged, ${n(writers.pending.size)} unanswered, integrity ${seen.integrity}\n`,
      )
      await server.boot()
      writers.up()
    }
    await writers.finish()
    const end = inspect(server.databasePath, writers.acknowledged)
    const retried = writers.answers['200']
    return {
      name: 'kill -9 durability',
      figures: {
        cycles,
        writers: writerCount,
        accounts: 2 * writerCount,
        acknowledged: writers.acknowledged.size,
        'acknowledged by a retry (200)': retried,
        'refused or cut': writers.answers.refused + writers.answers.reset + writers.answers.error,
        'comments stored': end.comments,
      },
      checks: [
        check(
          '0 acknowledged comments lost across kill -9',
          lostAfterKill + end.lost.length === 0,
          `${n(lostAfterKill + end.lost.length)} of ${n(writers.acknowledged.size)} over ${cycles} kills`,
        ),
        check(
          'integrity_check ok after every kill -9',
          integrityFailures === 0 && end.integrity === 'ok',
          `${cycles - integrityFailures} of ${cycles} ok`,
        ),
        check(
          '0 duplicate rows after retrying with the same clientKey',
          duplicatesAfterKill + end.duplicates === 0 && writers.conflicting.length === 0,
          `${n(end.duplicates)} duplicates, ${n(writers.conflicting.length)} keys answered with two ids`,
        ),
        check('every post acknowledged in the end', writers.pending.size === 0, `${n(writers.pending.size)} still unanswered`),
      ],
      notes: [...notes, ...writers.notes],
    }
  } finally {
    http.close()
    await server.dispose()
  }
}
