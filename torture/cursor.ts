/**
 * Cursors the log cannot serve: a `since` beyond the debate's seq (as after a restore from a
 * backup) and one behind the retained log (pruned, here with LIVE_RETENTION_EVENTS small).
 * Both must get `reset`, and a client that reloads over REST and then applies the live
 * events must end with exactly the state the REST API shows.
 */
import Database from 'better-sqlite3'
import { check, n, scaled, type Experiment } from './experiment.ts'
import { differences, Follower, snapshot } from './follower.ts'
import { Http, paragraphAnchors, type Account } from './http.ts'
import { Random } from './random.ts'
import { ServerProcess } from './server-process.ts'

const RETENTION = 20

export const cursorOutOfRange: Experiment = async ({ seed, scale }) => {
  const random = new Random(seed)
  const steps = scaled(60, scale, 15)
  const server = await ServerProcess.start({ LIVE_RETENTION_EVENTS: String(RETENTION) })
  const http = new Http(server.url, server.origin)
  const followers: Follower[] = []
  try {
    const accounts = await http.register(6, 'reader')
    const activity = new Activity(http, accounts, await paragraphAnchors(http), random)
    await activity.run(steps)

    const cases: { name: string; resets: number; differences: string[]; faults: number }[] = []
    const follow = async (name: string, since: number) => {
      const follower = new Follower(server.wsUrl, server.origin, http, { seq: since, comments: new Map(), tallies: new Map() })
      followers.push(follower)
      await follower.connect()
      await follower.sync()
      await activity.run(steps)
      await follower.sync()
      const found = differences(follower.state, await snapshot(http))
      cases.push({ name, resets: follower.resets, differences: found, faults: follower.gaps.length + follower.duplicates.length })
      follower.stop()
    }

    const ahead = (await snapshot(http)).seq + 1000
    await follow('ahead', ahead)
    // A restart prunes the log down to the retained events at once.
    await server.terminate()
    await server.boot()
    const oldest = oldestSeq(server.databasePath)
    await follow('behind retention', 1)

    const notes = cases.flatMap((c) => c.differences.slice(0, 3).map((d) => `${c.name}: ${d}`))
    const [a, b] = cases as [(typeof cases)[0], (typeof cases)[0]]
    return {
      name: 'cursor ahead / far behind',
      figures: {
        'since ahead': ahead,
        'oldest seq kept after the restart': oldest,
        retention: RETENTION,
        'changes per phase': steps,
        'final seq': (await snapshot(http)).seq,
      },
      checks: [
        check('since beyond the log: reset', a.resets >= 1, `${a.resets} reset`),
        check('since behind retention: reset', oldest > 2 && b.resets >= 1, `${b.resets} reset (log starts at seq ${n(oldest)})`),
        check(
          'client state after reset + later events equals the REST snapshot',
          a.differences.length + b.differences.length + a.faults + b.faults === 0,
          `${a.differences.length} + ${b.differences.length} differences, ${a.faults + b.faults} seq faults`,
        ),
      ],
      notes,
    }
  } finally {
    for (const f of followers) f.stop()
    http.close()
    await server.dispose()
  }
}

/** The oldest event the log keeps, read-only from the file. */
function oldestSeq(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('select min(seq) as seq from events').get() as { seq: number | null }).seq ?? 0
  } finally {
    db.close()
  }
}

/** Readers changing the debate: new arguments, votes, edits, deletions and positions. */
class Activity {
  private readonly comments: { id: number; author: Account }[] = []
  private serial = 0

  constructor(
    private readonly http: Http,
    private readonly accounts: Account[],
    private readonly anchors: string[],
    private readonly random: Random,
  ) {}

  async run(steps: number): Promise<void> {
    for (let i = 0; i < steps; i++) await this.step()
  }

  private async step(): Promise<void> {
    const r = this.random
    const who = r.pick(this.accounts)
    const target = this.comments.length > 0 && r.chance(0.5) ? r.pick(this.comments) : undefined
    if (!target) {
      const res = await this.http.send('POST', `/api/debates/sora/paragraphs/${r.pick(this.anchors)}/comments`, {
        cookie: who.cookie,
        body: { body: `Argument ${++this.serial}`, stance: r.pick(['pro', 'contra', 'neutral']), clientKey: `a${this.serial}` },
      })
      if (res.ok && res.status === 201)
        this.comments.push({ id: (JSON.parse(res.body) as { comment: { id: number } }).comment.id, author: who })
      return
    }
    const kind = r.pick(['vote', 'vote', 'edit', 'position', 'delete'] as const)
    if (kind === 'vote' && who !== target.author) {
      await this.http.send('PUT', `/api/comments/${target.id}/vote`, { cookie: who.cookie, body: { value: r.pick([0, 1]) } })
    } else if (kind === 'edit') {
      await this.http.send('PATCH', `/api/comments/${target.id}`, {
        cookie: target.author.cookie,
        body: { body: `Edited ${++this.serial}` },
      })
    } else if (kind === 'delete') {
      await this.http.send('DELETE', `/api/comments/${target.id}`, { cookie: target.author.cookie })
      this.comments.splice(this.comments.indexOf(target), 1)
    } else {
      await this.http.send('PUT', `/api/debates/sora/paragraphs/${r.pick(this.anchors)}/position`, {
        cookie: who.cookie,
        body: { stance: r.pick(['pro', 'contra', 'undecided']) },
      })
    }
  }
}
