/**
 * The REST client: one method per endpoint the page uses, typed after the server's schemas.
 * It owns the request conventions (JSON, same-origin cookie, the tab's `X-Client-Id` on every
 * write) and turns failures into typed errors, so components can tell a validation message
 * that belongs next to a field from a network outage or a rate limit.
 */
import type { Comment, DebateInfo, DebateSummary, Essay, FlagReason, NewComment, PositionStance, Positions, User } from './types.ts'

/** The server refused the request; `field` names the input a 400 is about, when it says. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
    /** Seconds to wait, from `Retry-After` on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
  }

  /** The request field a validation message names: "body/stance must …" → "stance". */
  get field(): string | null {
    if (this.status !== 400) return null
    const named = /^body\/([A-Za-z]+)/.exec(this.message)
    if (named) return named[1] ?? null
    return /^body\b/.test(this.message) ? 'body' : null
  }
}

/** The request never got an answer: offline, DNS, connection reset. */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

export interface ApiOptions {
  /** The tab's id, sent as `X-Client-Id` so the live socket can recognise the tab's own changes. */
  clientId: string
  /** Test seam: the fetch to use. */
  fetch?: typeof fetch
  base?: string
}

export class Api {
  readonly clientId: string
  private readonly fetchImpl: typeof fetch
  private readonly base: string

  constructor(options: ApiOptions) {
    this.clientId = options.clientId
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init))
    this.base = options.base ?? ''
  }

  /** Who the browser is signed in as; the probe answers 200 for an anonymous reader too, so a fresh page logs no error. */
  async me(): Promise<User | null> {
    return (await this.request<{ user: User | null }>('GET', '/api/auth/session')).user
  }

  async register(username: string, password: string): Promise<User> {
    return (await this.request<{ user: User }>('POST', '/api/auth/register', { username, password })).user
  }

  async login(username: string, password: string): Promise<User> {
    return (await this.request<{ user: User }>('POST', '/api/auth/login', { username, password })).user
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/auth/logout')
  }

  async debates(): Promise<DebateSummary[]> {
    return (await this.request<{ debates: DebateSummary[] }>('GET', '/api/debates')).debates
  }

  debate(slug: string): Promise<{ debate: DebateInfo; essay: Essay }> {
    return this.request('GET', `/api/debates/${enc(slug)}`)
  }

  async thread(slug: string, anchor: string): Promise<Comment[]> {
    const path = `/api/debates/${enc(slug)}/paragraphs/${enc(anchor)}/comments?sort=old`
    return (await this.request<{ comments: Comment[] }>('GET', path)).comments
  }

  comment(id: number): Promise<{ comment: Comment; debate: string }> {
    return this.request('GET', `/api/comments/${id}`)
  }

  async post(slug: string, anchor: string, input: NewComment): Promise<Comment> {
    const path = `/api/debates/${enc(slug)}/paragraphs/${enc(anchor)}/comments`
    const body = {
      body: input.body,
      stance: input.stance,
      clientKey: input.clientKey,
      ...(input.parentId ? { parentId: input.parentId } : {}),
    }
    return (await this.request<{ comment: Comment }>('POST', path, body)).comment
  }

  async edit(id: number, body: string): Promise<Comment> {
    return (await this.request<{ comment: Comment }>('PATCH', `/api/comments/${id}`, { body })).comment
  }

  async remove(id: number): Promise<void> {
    await this.request('DELETE', `/api/comments/${id}`)
  }

  async vote(id: number, value: 0 | 1): Promise<number> {
    return (await this.request<{ votes: number }>('PUT', `/api/comments/${id}/vote`, { value })).votes
  }

  async position(slug: string, anchor: string, stance: PositionStance): Promise<Positions> {
    const path = `/api/debates/${enc(slug)}/paragraphs/${enc(anchor)}/position`
    return (await this.request<{ positions: Positions }>('PUT', path, { stance })).positions
  }

  async flag(id: number, reason: FlagReason, note?: string): Promise<void> {
    await this.request('POST', `/api/comments/${id}/flags`, { reason, ...(note ? { note } : {}) })
  }

  /**
   * One request with the client's conventions, typed by the caller. Public for the
   * moderators' calls (services/moderation-api.ts), which load with their views.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (method !== 'GET') headers['x-client-id'] = this.clientId
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : String(err))
    }
    if (res.status === 204) return undefined as T
    const data: unknown = await res.json().catch(() => null)
    if (!res.ok) {
      const message =
        data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
          ? (data as { message: string }).message
          : res.statusText || `HTTP ${res.status}`
      const retry = Number(res.headers.get('retry-after'))
      throw new ApiError(res.status, message, Number.isFinite(retry) && retry > 0 ? retry : null)
    }
    return data as T
  }
}

const enc = encodeURIComponent
