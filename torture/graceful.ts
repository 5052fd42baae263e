/**
 * Graceful restart: SIGTERM while writers post. Every acknowledged post must be on disk,
 * every request that arrives during the shutdown must get a clean answer (503, or a refused
 * connection once the server stopped listening) rather than a reset or no answer at all,
 * the process must exit by itself, and live sockets must be told 1001 (going away).
 */
import WebSocket from 'ws'
import { inspect } from './database.ts'
import { check, n, scaled, type Experiment } from './experiment.ts'
import { Http } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess, sleep } from './server-process.ts'
import { noAnswers, Writers } from './writers.ts'

export const gracefulRestart: Experiment = async ({ seed, scale }) => {
  const random = new Random(seed)
  const cycles = scaled(5, scale)
  const writerCount = scaled(50, scale, 4)
  const socketsPerCycle = 5
  const server = await ServerProcess.start()
  const http = new Http(server.url, server.origin)
  const notes: string[] = []
  try {
    const writers = await Writers.register(http, writerCount, random.fork())
    const during = noAnswers()
    const exits: string[] = []
    const closeCodes = new Map<number, number>()
    let unclean = 0
    let lost = 0
    let longest = 0
    writers.start()
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const sockets = await Promise.all(Array.from({ length: socketsPerCycle }, () => subscribedSocket(server.wsUrl, server.origin)))
      const closed = sockets.map((s) => new Promise<number>((resolve) => s.once('close', (code) => resolve(code))))
      await sleep(random.int(300, 2000))
      writers.window = noAnswers()
      const exit = await server.terminate()
      // What was in flight when the process went away answers by now, one way or another.
      await sleep(200)
      const window = writers.window
      for (const [answer, count] of Object.entries(window)) during[answer as keyof typeof during] += count
      writers.window = null
      writers.down()
      longest = Math.max(longest, exit.ms)
      exits.push(`${exit.signal ?? exit.code} in ${n(exit.ms)} ms`)
      if (exit.code !== 0) {
        unclean++
        notes.push(`cycle ${cycle}: exit ${exit.signal ?? exit.code}: ${server.recentOutput.slice(-500)}`)
      }
      for (const code of await Promise.all(closed)) closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1)
      const seen = inspect(server.databasePath, writers.acknowledged)
      lost += seen.lost.length
      process.stderr.write(
        `  cycle ${cycle}/${cycles}: exit ${exit.code ?? exit.signal} after ${exit.ms} ms; during shutdown ${JSON.stringify(window)}\n`,
      )
      await server.boot()
      writers.up()
    }
    await writers.finish()
    const end = inspect(server.databasePath, writers.acknowledged)
    const socketsClosed = cycles * socketsPerCycle
    const goingAway = closeCodes.get(1001) ?? 0
    const broken = during.reset + during.timeout + during.error + during.other
    return {
      name: 'graceful restart',
      figures: {
        cycles,
        writers: writerCount,
        acknowledged: writers.acknowledged.size,
        'answers during shutdown': JSON.stringify(during),
        'longest shutdown (ms)': longest,
        exits: exits.join(', '),
        'socket close codes': JSON.stringify(Object.fromEntries(closeCodes)),
      },
      checks: [
        check(
          'every acknowledged comment durable across SIGTERM',
          lost + end.lost.length === 0,
          `${n(lost + end.lost.length)} of ${n(writers.acknowledged.size)} lost`,
        ),
        check(
          'requests during shutdown answered 503 or refused at connect, none reset or hung',
          broken === 0,
          `${n(during['503'])} × 503, ${n(during.refused)} refused, ${n(during.reset)} reset, ${n(during.timeout)} hung, ${n(during.error + during.other)} other`,
        ),
        check(
          'the server exits by itself (code 0) after SIGTERM',
          unclean === 0,
          `${cycles - unclean} of ${cycles} clean; longest ${n(longest)} ms`,
        ),
        check('live sockets closed with 1001 on shutdown', goingAway === socketsClosed, `${goingAway} of ${socketsClosed}`),
        check(
          '0 duplicate rows after retrying with the same clientKey',
          end.duplicates === 0 && writers.conflicting.length === 0,
          `${n(end.duplicates)}`,
        ),
      ],
      notes: [...notes, ...writers.notes],
    }
  } finally {
    http.close()
    await server.dispose()
  }
}

/** An anonymous socket following the default debate. */
function subscribedSocket(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin })
    socket.on('error', reject)
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', debate: 'sora' })))
    socket.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'subscribed') resolve(socket)
    })
  })
}
