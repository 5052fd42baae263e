/**
 * Concurrent writers posting comments over REST, each post with a unique `clientKey`. A post
 * that was not answered 200/201 (refused, reset, 503, no answer) stays pending and is sent
 * again, with the same key and account, until it is acknowledged, as a careful client would
 * after a crash. Between a server's death and its restart the experiment holds the writers at
 * a gate.
 */
import { paragraphAnchors, type Account, type Failure, type Http } from './http.ts'
import { Random } from './random.ts'
import { sleep } from './server-process.ts'

export interface Acknowledged {
  id: number
  authorId: number
  /** The answer that acknowledged it first: 201 created, or 200 for a retry of a post that had been stored. */
  status: 200 | 201
}

export type Answer = '201' | '200' | '429' | '503' | 'other' | Failure

export class Writers {
  /** By clientKey. */
  readonly acknowledged = new Map<string, Acknowledged>()
  /** Keys sent but not yet acknowledged, with their author. */
  readonly pending = new Map<string, Account>()
  readonly answers = noAnswers()
  /** Keys answered by two different comment ids: a duplicate in the making. */
  readonly conflicting: string[] = []
  readonly notes: string[] = []
  /** Counts answers only while set, e.g. during a shutdown. */
  window: Record<Answer, number> | null = null
  private gate: Promise<void> = Promise.resolve()
  private open: () => void = () => {}
  private stopping = false
  private loops: Promise<void>[] = []

  constructor(
    private readonly http: Http,
    private readonly accounts: Account[],
    private readonly anchors: string[],
    private readonly random: Random,
    private readonly options: { writers: number; pauseMs?: number; bodyChars?: number; prefix?: string },
  ) {}

  /**
   * Writers on the server behind `http`, each with two fresh accounts of its own, so the
   * per-user comment limit (20 a minute) is not what an experiment measures.
   */
  static async register(http: Http, writers: number, random: Random): Promise<Writers> {
    const accounts = await http.register(2 * writers, 'writer')
    return new Writers(http, accounts, await paragraphAnchors(http), random, { writers })
  }

  start(): void {
    for (let w = 0; w < this.options.writers; w++) this.loops.push(this.loop(w, this.random.fork()))
  }

  /** Holds every writer before its next request until `up()`. */
  down(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve
    })
  }

  up(): void {
    this.open()
  }

  /** Stops new posts, sends the pending ones until acknowledged (or given up), and waits. */
  async finish(): Promise<void> {
    this.stopping = true
    this.up()
    await Promise.all(this.loops)
  }

  private async loop(w: number, random: Random): Promise<void> {
    const mine = this.accounts.filter((_, i) => i % this.options.writers === w)
    const prefix = this.options.prefix ?? 'k'
    let n = 0
    let account = 0
    while (!this.stopping) {
      const key = `${prefix}${w}-${n++}`
      const author = mine[account++ % mine.length]!
      await this.post(key, author, random)
      if (this.options.pauseMs) await sleep(random.int(0, 2 * this.options.pauseMs))
    }
  }

  /** Sends one post until it is acknowledged; when stopping, gives up after a bounded number of tries. */
  private async post(key: string, author: Account, random: Random): Promise<void> {
    this.pending.set(key, author)
    const anchor = random.pick(this.anchors)
    const filler = this.options.bodyChars ? ' ' + 'x'.repeat(this.options.bodyChars) : ''
    const body = { body: `Comment ${key}${filler}`, stance: random.pick(['pro', 'contra', 'neutral']), clientKey: key }
    for (let attempt = 0; ; attempt++) {
      await this.gate
      const res = await this.http.send('POST', `/api/debates/sora/paragraphs/${anchor}/comments`, { cookie: author.cookie, body })
      const answer: Answer = res.ok
        ? ['201', '200', '429', '503'].includes(String(res.status))
          ? (String(res.status) as Answer)
          : 'other'
        : res.failure
      this.answers[answer]++
      if (this.window) this.window[answer]++
      if (res.ok && (res.status === 201 || res.status === 200)) {
        const id = (JSON.parse(res.body) as { comment: { id: number } }).comment.id
        const before = this.acknowledged.get(key)
        if (before && before.id !== id) this.conflicting.push(key)
        if (!before) this.acknowledged.set(key, { id, authorId: author.id, status: res.status })
        this.pending.delete(key)
        return
      }
      if ((answer === 'other' || (this.window && answer === 'reset')) && this.notes.length < 10) {
        this.notes.push(`POST ${key}: ${res.ok ? `${res.status} ${res.body.slice(0, 200)}` : res.message}`)
      }
      if (this.stopping && attempt > 200) return
      // 503: the server is going down, so wait as a client would rather than knock again at once;
      // refused or cut: it is down or on its way up; a limit: its window will pass.
      await sleep(answer === '429' || answer === '503' ? 1000 : random.int(20, 80))
    }
  }
}

/** A fresh tally of answers, for `Writers.window`. */
export const noAnswers = (): Record<Answer, number> => ({
  '201': 0,
  '200': 0,
  '429': 0,
  '503': 0,
  other: 0,
  refused: 0,
  reset: 0,
  timeout: 0,
  error: 0,
})
