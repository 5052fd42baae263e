/**
 * HTTP as the experiments' readers speak it: keep-alive connections from the app's origin,
 * and every failure sorted into what a client can tell apart — the connection was refused
 * (nothing was sent), reset or cut before an answer (the request may or may not have been
 * served), or no answer in time (a hang).
 */
import { Agent, request } from 'node:http'

export type Failure = 'refused' | 'reset' | 'timeout' | 'error'

export type Outcome =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; body: string }
  | { ok: false; failure: Failure; message: string }

export interface Account {
  id: number
  username: string
  cookie: string
}

const TIMEOUT_MS = 15_000

export class Http {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity })

  constructor(
    readonly base: string,
    readonly origin: string,
  ) {}

  send(method: string, path: string, options: { cookie?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Outcome> {
    const url = new URL(path, this.base)
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
    const headers: Record<string, string> = { origin: this.origin }
    if (options.cookie) headers.cookie = options.cookie
    if (payload !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(Buffer.byteLength(payload))
    }
    return new Promise((resolve) => {
      let settled = false
      const settle = (outcome: Outcome) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(outcome)
      }
      const req = request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => settle({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }))
        res.on('error', (err) => settle({ ok: false, failure: 'reset', message: err.message }))
      })
      const timer = setTimeout(() => {
        settle({ ok: false, failure: 'timeout', message: `no answer within ${options.timeoutMs ?? TIMEOUT_MS} ms` })
        req.destroy()
      }, options.timeoutMs ?? TIMEOUT_MS)
      req.on('error', (err: Error & { code?: string; syscall?: string }) => {
        const where = req.reusedSocket ? ' (on a kept-alive connection)' : ''
        settle({ ok: false, failure: failureOf(err), message: `${err.code ?? ''} ${err.message}${where}`.trim() })
      })
      req.end(payload)
    })
  }

  get(path: string, cookie?: string): Promise<Outcome> {
    return this.send('GET', path, cookie === undefined ? {} : { cookie })
  }

  /** GET that must answer 200, parsed. */
  async json<T>(path: string, cookie?: string): Promise<T> {
    const res = await this.get(path, cookie)
    if (!res.ok || res.status !== 200) throw new Error(`GET ${path}: ${res.ok ? `${res.status} ${res.body.slice(0, 300)}` : res.message}`)
    return JSON.parse(res.body) as T
  }

  /** Registers `count` accounts named `<prefix><n>`, a few at a time (each one hashes a password). */
  async register(count: number, prefix: string): Promise<Account[]> {
    const accounts: Account[] = new Array(count)
    let next = 0
    const worker = async () => {
      while (next < count) {
        const n = next++
        const username = `${prefix}${n}`
        const res = await this.send('POST', '/api/auth/register', { body: { username, password: 'correct horse battery' } })
        if (!res.ok || res.status !== 201) throw new Error(`register ${username}: ${res.ok ? `${res.status} ${res.body}` : res.message}`)
        accounts[n] = {
          id: (JSON.parse(res.body) as { user: { id: number } }).user.id,
          username,
          cookie: sessionCookie(res.headers['set-cookie']),
        }
      }
    }
    await Promise.all(Array.from({ length: 4 }, worker))
    return accounts
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy()
  }
}

function failureOf(err: Error & { code?: string; syscall?: string }): Failure {
  // A reset while connecting (the listener closing under the handshake) delivered nothing, as a refusal.
  if (err.code === 'ECONNREFUSED' || (err.code === 'ECONNRESET' && err.syscall === 'connect')) return 'refused'
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'socket hang up') return 'reset'
  return 'error'
}

function sessionCookie(header: string | string[] | undefined): string {
  const cookie = [header ?? []].flat().find((c) => c.startsWith('mg_session='))
  if (!cookie) throw new Error('no session cookie in the answer')
  return cookie.split(';')[0]!
}

/** The paragraphs of a debate, in reading order. */
export async function paragraphAnchors(http: Http, debate = 'sora'): Promise<string[]> {
  const res = await http.json<{ essay: { blocks: { anchor: string; kind: string }[] } }>(`/api/debates/${debate}`)
  return res.essay.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.anchor)
}
