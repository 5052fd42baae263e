/**
 * Schema-driven HTTP fuzz: every route and method the served OpenAPI document names, driven
 * with requests fast-check draws from the document's own schemas — valid, at the edges and
 * wrong (types, huge and odd Unicode strings, missing and unknown fields, `__proto__`,
 * malformed JSON, wrong content types, bodies over 64 KiB) — as anonymous readers,
 * participants, guests, a seminar's leader and a site admin, mostly from the allowed origin.
 * Path parameters are mostly ids and slugs that exist, harvested from earlier answers, so the
 * requests reach the handlers rather than stopping at 404.
 *
 * What must hold: no answer is a 5xx; every error is exactly `{statusCode, error, message}`
 * with the HTTP status; every 2xx matches the response schema documented for its status.
 * The fuzz changes the app's state as it goes (bans, locks, logouts, phases); every so often
 * an admin puts the people and debates back, so later requests still reach the handlers.
 */
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import fc, { type Arbitrary } from 'fast-check'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { DEFAULT_DEBATE, DEFAULT_ESSAY } from '../server/seed.ts'
import type { Experiment, ExperimentResult } from './experiment.ts'
import {
  anyString,
  hugeString,
  invalidValue,
  malformedJson,
  mutatedObject,
  notAnObject,
  validValue,
  type JsonSchema,
} from './fuzz-values.ts'
import { account, ORIGIN, paragraphAnchors, PASSWORD, signIn, startApp, type Actor } from './in-process.ts'

const FULL_REQUESTS = 10_000
/** How many fuzz requests pass between two restorations of the people and debates. */
const RESTORE_EVERY = 150
const PARTICIPANTS = 6
const GUESTS = 2
const POOL_SIZE = 200
const NOTES = 12

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  schema: JsonSchema
}

interface ResponseSpec {
  content?: Record<string, { schema: JsonSchema }>
}

export interface Operation {
  method: string
  /** The OpenAPI path, e.g. `/api/comments/{id}`. */
  path: string
  parameters: Parameter[]
  body: JsonSchema | null
  responses: Record<string, ResponseSpec>
}

export interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[]
        requestBody?: { content: Record<string, { schema: JsonSchema }> }
        responses?: Record<string, ResponseSpec>
      }
    >
  >
  components: { schemas: Record<string, JsonSchema> }
}

/** The routes of the document, each method on its own. */
export function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema ?? null,
      responses: op.responses ?? {},
    })),
  )
}

/** The documented response schemas, compiled once, with `$ref`s resolved against the document's components. */
export class ResponseSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true })
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(doc: OpenApi) {
    addFormats(this.ajv)
    // The whole document as one schema, so `#/components/schemas/...` resolves inside it.
    this.ajv.addSchema({ ...doc, $id: 'openapi' })
  }

  /** The validator of one response body, by the JSON pointer of its schema in the document. */
  validator(op: Operation, status: string, contentType: string): ValidateFunction {
    const pointer = ['paths', op.path, op.method.toLowerCase(), 'responses', status, 'content', contentType, 'schema']
      .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('/')
    let validate = this.compiled.get(pointer)
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi#/${pointer}` })
      this.compiled.set(pointer, validate)
    }
    return validate
  }
}

// Requests as fast-check draws them: recipes, resolved against the ids that exist at the time.

type Who = 'anonymous' | 'participant' | 'guest' | 'leader' | 'admin' | 'stale-cookie'
type Pool = 'debate' | 'anchor' | 'comment' | 'poll' | 'queueEntry' | 'word' | 'siteWord' | 'queueItem' | 'userId' | 'username' | 'code'
type ParamRecipe = { real: number } | { text: string }
type BodyRecipe =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string | null }
  | { kind: 'oversized'; bytes: number }

interface Recipe {
  op: number
  who: Who
  index: number
  origin: 'allowed' | 'foreign' | 'none'
  address: number
  /** Set body fields that name things to things that exist. */
  realFields: boolean
  method: string | null
  accept: string | null
  clientId: string | null
  params: Record<string, ParamRecipe>
  query: [string, string][] | string
  body: BodyRecipe
}

/** The value once in `n` draws, else null. */
const rarely = <T>(arb: Arbitrary<T>, n: number): Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: n - 1 }, { arbitrary: arb, weight: 1 })

/** Which existing things a path parameter names. */
function poolOf(path: string, name: string): Pool | null {
  if (name === 'debate') return 'debate'
  if (name === 'anchor') return 'anchor'
  if (name === 'userId') return 'userId'
  if (name === 'username') return 'username'
  if (name === 'code') return 'code'
  if (name === 'item') return 'queueItem'
  if (name !== 'id') return null
  if (path.startsWith('/api/comments/')) return 'comment'
  if (path.startsWith('/api/polls/')) return 'poll'
  if (path.startsWith('/api/admin/watched-words/')) return 'siteWord'
  if (path.includes('/watched-words/')) return 'word'
  if (path.includes('/queue/')) return 'queueEntry'
  return null
}

/** A URL path segment: mostly encoded, sometimes raw bytes no decoder likes. */
function segment(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80' // a lone surrogate, as UTF-8 bytes
  }
}

const RAW_SEGMENTS = [
  '%ZZ',
  '%',
  '..',
  '%2e%2e',
  '%00',
  '%C0%AF',
  '%E2%80%AE',
  '0',
  '-1',
  '1e3',
  '0x10',
  '99999999999999999999',
  '1.5',
  '%20',
  '%09',
]

function paramArb(op: Operation, p: Parameter): Arbitrary<ParamRecipe> {
  const text = fc.oneof(
    { arbitrary: validValue(p.schema).map((v) => ({ text: segment(String(v)) })), weight: 2 },
    {
      arbitrary: invalidValue(p.schema).map((v) => ({
        text: segment(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 3000) || '%20',
      })),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((t) => ({ text: t })), weight: 1 },
  )
  if (poolOf(op.path, p.name) === null) return text
  return fc.oneof({ arbitrary: fc.nat().map((real) => ({ real })), weight: 8 }, { arbitrary: text, weight: 2 })
}

function queryArb(op: Operation): Arbitrary<[string, string][] | string> {
  const params = op.parameters.filter((p) => p.in === 'query')
  const pairs = fc
    .tuple(
      ...params.map((p) =>
        fc.oneof(
          { arbitrary: fc.constant([] as [string, string][]), weight: 3 },
          { arbitrary: validValue(p.schema).map((v) => [[p.name, String(v)]] as [string, string][]), weight: 5 },
          {
            arbitrary: invalidValue(p.schema).map((v) => [[p.name, typeof v === 'string' ? v : JSON.stringify(v)]] as [string, string][]),
            weight: 2,
          },
          // The same key twice arrives as an array.
          {
            arbitrary: fc.tuple(validValue(p.schema), validValue(p.schema)).map(
              ([a, b]) =>
                [
                  [p.name, String(a)],
                  [p.name, String(b)],
                ] as [string, string][],
            ),
            weight: 1,
          },
        ),
      ),
      rarely(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'sort', 'x'.repeat(200)), anyString(20)), 8),
    )
    .map((parts) => {
      const extra = parts.pop() as [string, string] | null
      const all = (parts as [string, string][][]).flat()
      return extra ? [...all, extra] : all
    })
  return fc.oneof(
    { arbitrary: pairs, weight: 12 },
    {
      arbitrary: fc.constantFrom('%ZZ=1', 'a=%', '&&&', '=', 'sort[]=new', 'stance[a]=pro', '?=?', '%00=%00', 'a'.repeat(5000)),
      weight: 1,
    },
  )
}

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  'application/jsonx',
  '*/*',
  null,
]

function bodyArb(op: Operation): Arbitrary<BodyRecipe> {
  const raw = (text: Arbitrary<string>, type: Arbitrary<string | null>) =>
    fc.tuple(text, type).map(([t, contentType]) => ({ kind: 'raw' as const, text: t, contentType }))
  const oversized = fc.integer({ min: 64 * 1024 + 1, max: 200_000 }).map((bytes) => ({ kind: 'oversized' as const, bytes }))
  const junk = raw(malformedJson, fc.constant('application/json'))
  if (!op.body) {
    return fc.oneof(
      { arbitrary: fc.constant({ kind: 'none' as const }), weight: 14 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'json' as const, value })), weight: 1 },
      { arbitrary: junk, weight: 1 },
      { arbitrary: oversized, weight: 1 },
    )
  }
  const schema = op.body
  const json = (a: Arbitrary<unknown>) => a.map((value) => ({ kind: 'json' as const, value }))
  return fc.oneof(
    { arbitrary: json(validValue(schema)), weight: 10 },
    { arbitrary: json(mutatedObject(schema)), weight: 5 },
    { arbitrary: json(notAnObject), weight: 1 },
    { arbitrary: junk, weight: 1 },
    {
      arbitrary: raw(
        validValue(schema).map((v) => JSON.stringify(v)),
        fc.constantFrom(...WRONG_CONTENT_TYPES),
      ),
      weight: 2,
    },
    { arbitrary: json(fc.record(Object.fromEntries(Object.keys(schema.properties ?? {}).map((k) => [k, hugeString])))), weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
  )
}

function recipeArb(operations: Operation[]): Arbitrary<Recipe> {
  return fc.nat({ max: operations.length - 1 }).chain((index) => {
    const op = operations[index]!
    const pathParams = op.parameters.filter((p) => p.in === 'path')
    return fc.record({
      op: fc.constant(index),
      who: fc.oneof(
        { arbitrary: fc.constant('anonymous' as const), weight: 2 },
        { arbitrary: fc.constant('participant' as const), weight: 5 },
        { arbitrary: fc.constant('guest' as const), weight: 1 },
        { arbitrary: fc.constant('leader' as const), weight: 2 },
        { arbitrary: fc.constant('admin' as const), weight: 3 },
        { arbitrary: fc.constant('stale-cookie' as const), weight: 1 },
      ),
      index: fc.nat(),
      origin: fc.oneof(
        { arbitrary: fc.constant('allowed' as const), weight: 8 },
        { arbitrary: fc.constant('foreign' as const), weight: 1 },
        { arbitrary: fc.constant('none' as const), weight: 1 },
      ),
      address: fc.nat({ max: 49 }),
      realFields: fc.boolean(),
      // Now and then another method on the route's URL, or an odd Accept header.
      method: rarely(fc.constantFrom('HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PATCH', 'PUT', 'DELETE', 'POST', 'GET'), 25),
      accept: rarely(fc.constantFrom('text/csv', 'application/xml', 'text/html', '*/*', 'application/json;q=0', ''), 15),
      clientId: fc.oneof(
        { arbitrary: fc.constant(null), weight: 6 },
        { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), weight: 2 },
        { arbitrary: fc.constantFrom('', ' ', 'a'.repeat(65), 'tab/1', 'é'), weight: 1 },
      ),
      params: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramArb(op, p)]))),
      query: queryArb(op),
      body: bodyArb(op),
    })
  })
}

/** URLs no route serves, and raw oddities in front of the ones that exist. */
const UNROUTED = [
  '/api',
  '/api/',
  '/api/nope',
  '/api/debates/sora/nope',
  '/api/comments',
  '/api/comments/1/nope',
  '/api/%ZZ',
  '/api/debates/%E0%A4%A',
  '/api//debates',
  '/api/debates/sora/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/api/docs/json?x=%ZZ',
  '/health?%ZZ',
  '/api/live?clientId=%ZZ',
  '/api/live?clientId=' + 'a'.repeat(65),
]

// The world the requests act in: the people, and the ids that exist.

interface World {
  admin: Actor
  leader: Actor
  participants: Actor[]
  guests: Actor[]
  seminars: string[]
  anchors: string[]
  pools: Record<Pool, (string | number)[]>
}

function addTo(pool: (string | number)[], value: string | number): void {
  if (pool.includes(value)) return
  pool.push(value)
  if (pool.length > POOL_SIZE) pool.splice(0, pool.length - POOL_SIZE)
}

/** Remembers the ids and names an answer shows, by what they name. */
function harvest(world: World, path: string, value: unknown, key = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) harvest(world, path, item, key)
    return
  }
  if (value === null || typeof value !== 'object') {
    if (key === 'joinCode' && typeof value === 'string') addTo(world.pools.code, value)
    return
  }
  const o = value as Record<string, unknown>
  const id = typeof o.id === 'number' ? o.id : undefined
  if (id !== undefined) {
    if (key === 'comment' || key === 'comments') addTo(world.pools.comment, id)
    if (key === 'poll' || key === 'polls') addTo(world.pools.poll, id)
    if (key === 'queue' || key === 'speaker' || key === 'entry') addTo(world.pools.queueEntry, id)
    if (key === 'items' || key === 'item') addTo(world.pools.queueItem, id)
    if (key === 'word' || key === 'words') addTo(path.startsWith('/api/admin/') ? world.pools.siteWord : world.pools.word, id)
    if (key === 'user' || key === 'author' || key === 'actor') addTo(world.pools.userId, id)
  }
  if ((key === 'user' || key === 'author') && typeof o.username === 'string') addTo(world.pools.username, o.username)
  if ((key === 'debate' || key === 'debates') && typeof o.slug === 'string') addTo(world.pools.debate, o.slug)
  for (const [k, v] of Object.entries(o)) harvest(world, path, v, k)
}

/** The session cookie an answer starts (joining and signing in start a new one), or null. */
function cookieOf(res: LightMyRequestResponse): string | null {
  const cookie = res.cookies.find((c) => c.name === 'mg_session' && c.value !== '')
  return cookie ? `mg_session=${cookie.value}` : null
}

interface Failure {
  kind: string
  method: string
  url: string
  who: string
  body: string
  status: number
  response: string
}

const excerpt = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text)

/** What is wrong with an answer, or null. `op` is null for a URL the document does not name. */
export function judge(
  op: Operation | null,
  res: Pick<LightMyRequestResponse, 'statusCode' | 'headers' | 'body'>,
  schemas: ResponseSchemas,
  method = op?.method ?? 'GET',
): string | null {
  const status = res.statusCode
  if (status >= 500) return `${status} answer`
  const contentType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
  if (status >= 400) {
    // An answer to HEAD has no body to judge.
    if (res.body.length === 0 && method === 'HEAD') return null
    let body: unknown
    try {
      body = JSON.parse(res.body)
    } catch {
      return `error body is not JSON (${contentType || 'no content type'})`
    }
    const e = body as Record<string, unknown>
    const keys = e && typeof e === 'object' && !Array.isArray(e) ? Object.keys(e).sort().join(',') : ''
    if (keys !== 'error,message,statusCode') return `error body has the keys [${keys}], not exactly statusCode, error, message`
    if (e.statusCode !== status) return `error statusCode ${String(e.statusCode)} differs from the HTTP status ${status}`
    if (typeof e.error !== 'string' || typeof e.message !== 'string') return 'error or message is not a string'
    return null
  }
  if (!op || status < 200 || status >= 300) return null
  const spec = op.responses[String(status)]
  if (!spec) return `status ${status} is not documented for this route`
  if (!spec.content) return res.body.length === 0 ? null : `status ${status} is documented without a body, but one came`
  if (!spec.content[contentType]) return `content type "${contentType}" is not documented for ${status}`
  let body: unknown = res.body
  if (contentType === 'application/json') {
    try {
      body = JSON.parse(res.body)
    } catch {
      return 'body is not JSON'
    }
  }
  const validate = schemas.validator(op, String(status), contentType)
  if (validate(body)) return null
  return `body does not match the documented ${status} schema: ${validationErrors(validate)}`
}

function validationErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
    .join('; ')
}

export const run: Experiment = async ({ seed, scale }) => {
  const total = Math.max(60, Math.round(FULL_REQUESTS * scale))
  const { app, close } = await startApp()
  try {
    return await fuzz(app, seed, total)
  } finally {
    await close()
  }
}

async function fuzz(app: FastifyInstance, seed: number, total: number): Promise<ExperimentResult> {
  const docRes = await app.inject({ url: '/api/docs/json' })
  const doc = docRes.json() as OpenApi
  const operations = operationsOf(doc)
  const schemas = new ResponseSchemas(doc)
  const world = await populate(app)

  const statuses: Record<string, number> = {}
  const failures: Failure[] = []
  const reached = new Set<string>()
  const undocumented = new Map<string, number>()
  let sent = 0
  let restorations = 0
  // Reported, not judged: a machine shared with others has no steady clock to judge by.
  const slowest = { ms: 0, request: '' }

  const record = (op: Operation | null, options: InjectOptions, who: string, res: LightMyRequestResponse) => {
    sent++
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
    const route = op ? `${op.method} ${op.path}` : 'unrouted'
    if (op && res.statusCode >= 200 && res.statusCode < 300) reached.add(route)
    if (op && res.statusCode >= 400 && !op.responses[String(res.statusCode)]) {
      const key = `${route} → ${res.statusCode}`
      undocumented.set(key, (undocumented.get(key) ?? 0) + 1)
    }
    const wrong = judge(op, res, schemas, String(options.method ?? 'GET'))
    if (wrong) {
      const payload = options.payload
      failures.push({
        kind: wrong,
        method: String(options.method ?? 'GET'),
        url: excerpt(String(options.url), 200),
        who,
        body: payload === undefined ? '' : excerpt(typeof payload === 'string' ? payload : JSON.stringify(payload), 200),
        status: res.statusCode,
        response: excerpt(res.body),
      })
    }
  }

  const property = fc.asyncProperty(recipeArb(operations), rarely(fc.constantFrom(...UNROUTED), 60), async (recipe, unrouted) => {
    if (sent > 0 && sent % RESTORE_EVERY === 0) {
      await restore(app, world)
      restorations++
    }
    const op = operations[recipe.op]!
    const { options, who, actor } = resolve(world, op, recipe, unrouted)
    let res: LightMyRequestResponse
    const started = performance.now()
    try {
      res = await app.inject(options)
      const took = performance.now() - started
      if (took > slowest.ms) Object.assign(slowest, { ms: took, request: `${options.method} ${excerpt(String(options.url), 100)}` })
    } catch (err) {
      failures.push({
        kind: `request could not be sent: ${(err as Error).message}`,
        method: String(options.method),
        url: String(options.url),
        who,
        body: '',
        status: 0,
        response: '',
      })
      return true
    }
    // Another method on the URL is judged as a URL the document does not name.
    const swapped = recipe.method !== null && recipe.method !== op.method
    record(unrouted || swapped ? null : op, options, who, res)
    if (
      !unrouted &&
      !swapped &&
      res.statusCode < 300 &&
      res.body.length > 0 &&
      String(res.headers['content-type']).startsWith('application/json')
    ) {
      harvest(world, op.path, res.json())
      const cookie = cookieOf(res)
      // Joining and signing in start a new session; keep it when it is the actor's own.
      if (cookie && actor) {
        if (res.json().user?.id === actor.id) actor.cookie = cookie
      }
      // A fresh guest made by the fuzz joins the cast as a participant.
      else if (cookie && op.path === '/api/join' && world.guests.length < 12) {
        const user = res.json().user as { id: number; username: string }
        world.guests.push({ id: user.id, username: user.username, cookie })
      }
    }
    return true
  })
  await fc.assert(property, { seed, numRuns: total })

  const byKind = new Map<string, number>()
  for (const f of failures) byKind.set(f.kind.replace(/:.*/, ''), (byKind.get(f.kind.replace(/:.*/, '')) ?? 0) + 1)
  const five = failures.filter((f) => f.status >= 500).length
  const shape = failures.filter((f) => f.status >= 400 && f.status < 500).length
  const schema = failures.filter((f) => f.status >= 200 && f.status < 300).length
  const other = failures.length - five - shape - schema
  const statusLine = Object.entries(statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ')
  return {
    name: 'http-fuzz',
    figures: {
      requests: sent,
      operations: operations.length,
      'operations answered 2xx': reached.size,
      'operations never answered 2xx':
        operations
          .filter((o) => Object.keys(o.responses).some((s) => s.startsWith('2')))
          .map((o) => `${o.method} ${o.path}`)
          .filter((r) => !reached.has(r))
          .join(', ') || 'none',
      statuses: statusLine,
      restorations,
      'slowest answer': `${Math.round(slowest.ms)} ms (${slowest.request})`,
      'error statuses a route does not document': undocumentedSummary(undocumented),
    },
    checks: [
      {
        claim: `${total.toLocaleString('en')} schema-driven requests over every route and method`,
        pass: sent >= total,
        figure: `${sent.toLocaleString('en')} sent over ${operations.length} operations, ${reached.size} answered 2xx at least once`,
      },
      { claim: '0 responses 5xx', pass: five === 0, figure: `${five} of ${sent.toLocaleString('en')}` },
      {
        claim: 'every error body is exactly {statusCode, error, message}',
        pass: shape === 0,
        figure: `${shape} malformed of ${countFrom(statuses, 400, 500).toLocaleString('en')} errors`,
      },
      {
        claim: 'every 2xx body matches its documented schema',
        pass: schema === 0,
        figure: `${schema} mismatched of ${countFrom(statuses, 200, 300).toLocaleString('en')}`,
      },
      { claim: 'every error status is documented for its route', pass: undocumented.size === 0, figure: undocumentedSummary(undocumented) },
      { claim: 'every request could be sent and judged', pass: other === 0, figure: `${other} not judged` },
    ],
    notes: [
      ...failures
        .slice(0, NOTES)
        .map((f) => `${f.kind} — ${f.method} ${f.url} as ${f.who}${f.body ? ` with ${f.body}` : ''} → ${f.status} ${f.response}`),
      ...undocumentedRoutes(undocumented),
    ],
  }
}

/** e.g. "415 on 21 routes, 413 on 17 routes": which refusals the document does not list, and how widely. */
function undocumentedSummary(undocumented: Map<string, number>): string {
  const routes = new Map<string, number>()
  for (const key of undocumented.keys()) {
    const status = key.slice(key.lastIndexOf(' ') + 1)
    routes.set(status, (routes.get(status) ?? 0) + 1)
  }
  return (
    [...routes]
      .sort(([, a], [, b]) => b - a)
      .map(([s, n]) => `${s} on ${n} route${n === 1 ? '' : 's'}`)
      .join(', ') || 'none'
  )
}

/** One line per status: the routes that answered it without documenting it. */
function undocumentedRoutes(undocumented: Map<string, number>): string[] {
  const byStatus = new Map<string, string[]>()
  for (const key of undocumented.keys()) {
    const at = key.lastIndexOf(' → ')
    const status = key.slice(at + 3)
    byStatus.set(status, [...(byStatus.get(status) ?? []), key.slice(0, at)])
  }
  return [...byStatus].map(([status, routes]) => `not in the document: ${status} from ${routes.join(', ')}`)
}

function countFrom(statuses: Record<string, number>, from: number, to: number): number {
  return Object.entries(statuses).reduce((sum, [s, n]) => (Number(s) >= from && Number(s) < to ? sum + n : sum), 0)
}

/** Body fields that name existing things (a paragraph, a comment, a poll, a code), set to ones that exist. */
function withRealFields(world: World, value: unknown, index: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const o = { ...(value as Record<string, unknown>) }
  const real = (pool: (string | number)[]) => (pool.length === 0 ? undefined : pool[index % pool.length])
  const fields: [string, () => unknown][] = [
    ['anchor', () => real(world.pools.anchor)],
    ['parentId', () => real(world.pools.comment)],
    ['before', () => real(world.pools.poll)],
    ['code', () => real(world.pools.code)],
    ['essay', () => DEFAULT_ESSAY],
    ['username', () => real(world.pools.username)],
    ['password', () => PASSWORD],
    // Watched words that take, one that must be refused (it would backtrack), and long words to screen.
    ['pattern', () => ['idiot*', 'f*ck', '*wort*', 'a*a*a*b', "o'neil", 'gut böse', 'a'.repeat(64)][index % 7]],
    ['body', () => (index % 3 === 0 ? `${'a'.repeat(4000)}! idiot f*ck ${'ä'.repeat(900)}` : o.body)],
  ]
  for (const [key, make] of fields) {
    if (Object.hasOwn(o, key) && typeof o[key] !== 'object') o[key] = make() ?? o[key]
  }
  return o
}

/** The request a recipe stands for, with today's ids in place. */
function resolve(
  world: World,
  op: Operation,
  recipe: Recipe,
  unrouted: string | null,
): { options: InjectOptions; who: string; actor: Actor | null } {
  // Half the picks among the latest few, since what was made last (a word, a poll) is likeliest still there.
  const pick = <T>(list: T[], i: number): T | undefined =>
    list.length === 0
      ? undefined
      : i % 2 === 0
        ? list[list.length - 1 - ((i >> 1) % Math.min(list.length, 5))]
        : list[(i >> 1) % list.length]
  const actor = ((): Actor | null => {
    switch (recipe.who) {
      case 'participant':
        return pick(world.participants, recipe.index)!
      case 'guest':
        return pick(world.guests, recipe.index) ?? world.participants[0]!
      case 'leader':
        return world.leader
      case 'admin':
        return world.admin
      default:
        return null
    }
  })()
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = recipe.params[name]
    if (!p) return 'x'
    if ('text' in p) return p.text
    const pool = poolOf(op.path, name)
    const value = pool ? pick(world.pools[pool], p.real) : undefined
    return value === undefined ? String(p.real + 1) : segment(String(value))
  })
  if (typeof recipe.query === 'string') url += `?${recipe.query}`
  else if (recipe.query.length > 0) url += `?${recipe.query.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&')}`
  if (unrouted) url = unrouted

  const headers: Record<string, string> = {}
  if (recipe.origin === 'allowed') headers.origin = ORIGIN
  if (recipe.origin === 'foreign') headers.origin = 'https://evil.example'
  if (actor) headers.cookie = actor.cookie
  if (recipe.who === 'stale-cookie') headers.cookie = 'mg_session=not-a-session; mg_session=%ZZ'
  if (recipe.clientId !== null) headers['x-client-id'] = recipe.clientId

  if (recipe.accept !== null) headers.accept = recipe.accept
  const method = (recipe.method ?? op.method) as InjectOptions['method']
  const options: InjectOptions = { method, url, headers, remoteAddress: `10.0.0.${recipe.address + 1}` }
  const body = recipe.body
  if (body.kind === 'json')
    options.payload = JSON.stringify(recipe.realFields ? withRealFields(world, body.value, recipe.index) : body.value) ?? 'null'
  if (body.kind === 'json') headers['content-type'] = 'application/json'
  if (body.kind === 'raw') {
    options.payload = body.text
    if (body.contentType !== null) headers['content-type'] = body.contentType
  }
  if (body.kind === 'oversized') {
    options.payload = JSON.stringify({ body: 'o'.repeat(body.bytes), stance: 'pro' })
    headers['content-type'] = 'application/json'
  }
  return { options, who: actor ? `${recipe.who} ${actor.username}` : recipe.who, actor }
}

// Setting the scene, and putting it back.

async function populate(app: FastifyInstance): Promise<World> {
  const admin = await account(app, 'fuzz-admin', { admin: true })
  const leader = await account(app, 'fuzz-leader')
  const participants: Actor[] = []
  for (let i = 1; i <= PARTICIPANTS; i++) participants.push(await account(app, `fuzz-reader-${i}`))
  const anchors = await paragraphAnchors(app)
  const pools = Object.fromEntries(
    (['debate', 'anchor', 'comment', 'poll', 'queueEntry', 'word', 'siteWord', 'queueItem', 'userId', 'username', 'code'] as Pool[]).map(
      (p) => [p, []],
    ),
  ) as unknown as Record<Pool, (string | number)[]>
  const world: World = { admin, leader, participants, guests: [], seminars: [], anchors, pools }
  pools.debate.push(DEFAULT_DEBATE)
  pools.anchor.push(...anchors)
  for (const a of [admin, leader, ...participants]) {
    addTo(pools.username, a.username)
    addTo(pools.userId, a.id)
  }

  const send = async (who: Actor | null, method: InjectOptions['method'], url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { origin: ORIGIN, ...(who ? { cookie: who.cookie } : {}) },
      ...(payload === undefined ? {} : { payload }),
    })
    if (res.statusCode >= 300) throw new Error(`setting up the fuzz: ${method} ${url} answered ${res.statusCode} ${res.body}`)
    if (res.body.length > 0) harvest(world, url.split('?')[0]!, res.json())
    return res
  }

  for (const anonymous of [false, true]) {
    const created = await send(leader, 'POST', '/api/seminars', {
      essay: DEFAULT_ESSAY,
      title: `Fuzz seminar${anonymous ? ' (anonymous)' : ''}`,
      anonymous,
    })
    const slug = created.json().debate.slug as string
    const code = created.json().joinCode as string
    world.seminars.push(slug)
    for (const p of participants) p.cookie = cookieOf(await send(p, 'POST', '/api/join', { code })) ?? p.cookie
    for (let g = 1; g <= GUESTS; g++) {
      const joined = await send(null, 'POST', '/api/join', { code, displayName: `Gast ${slug.slice(0, 6)} ${g}` })
      const user = joined.json().user as { id: number; username: string }
      world.guests.push({ id: user.id, username: user.username, cookie: cookieOf(joined)! })
    }
    await send(leader, 'PUT', `/api/debates/${slug}/phase`, { phase: 'open' })
  }

  for (const slug of [DEFAULT_DEBATE, ...world.seminars]) {
    for (const [i, p] of participants.entries()) {
      const posted = await send(p, 'POST', `/api/debates/${slug}/paragraphs/${anchors[i % anchors.length]}/comments`, {
        body: `Argument ${i} in ${slug}`,
        stance: 'pro',
      })
      const id = posted.json().comment.id as number
      await send(
        participants[(i + 1) % participants.length]!,
        'POST',
        `/api/debates/${slug}/paragraphs/${anchors[i % anchors.length]}/comments`,
        { body: `Reply to ${id}`, stance: 'contra', parentId: id },
      )
      if (i === 0) await send(admin, 'POST', `/api/comments/${id}/hide`, { reason: 'off topic' })
      if (i === 1) await send(participants[2]!, 'POST', `/api/comments/${id}/flags`, { reason: 'spam' })
    }
    await send(admin, 'POST', `/api/debates/${slug}/watched-words`, { pattern: `fuzzword${slug.length}`, action: 'censor' })
    await send(admin, 'GET', `/api/debates/${slug}/moderation/queue`)
    await send(admin, 'GET', `/api/debates/${slug}/members`)
  }
  for (const slug of world.seminars) {
    const poll = await send(leader, 'POST', `/api/debates/${slug}/polls`, { anchor: anchors[0] })
    await send(participants[0]!, 'PUT', `/api/polls/${poll.json().poll.id}/vote`, { stance: 'pro' })
    await send(participants[1]!, 'POST', `/api/debates/${slug}/queue`, { anchor: anchors[1], kind: 'question' })
  }
  await send(admin, 'POST', '/api/admin/watched-words', { pattern: 'fuzzsiteword', action: 'hold' })
  return world
}

/**
 * Puts back what the fuzz may have taken away, as an admin would: sessions (logouts, bans),
 * bans and mutes, locks, slow mode and pre-moderation, watched words, phases, memberships.
 */
async function restore(app: FastifyInstance, world: World): Promise<void> {
  const send = (who: Actor, method: InjectOptions['method'], url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { origin: ORIGIN, cookie: who.cookie },
      remoteAddress: '127.0.0.1',
      ...(payload === undefined ? {} : { payload }),
    })
  const people = [world.admin, world.leader, ...world.participants, ...world.guests]
  for (const p of people) {
    if (p !== world.admin) await send(world.admin, 'DELETE', `/api/admin/bans/${segment(p.username)}`)
  }
  for (const p of people) {
    if ((await send(p, 'GET', '/api/auth/me')).statusCode === 401) p.cookie = await signIn(app, p.id)
  }
  for (const w of (await send(world.admin, 'GET', '/api/admin/watched-words')).json().words ?? []) {
    await send(world.admin, 'DELETE', `/api/admin/watched-words/${w.id}`)
  }
  for (const slug of [DEFAULT_DEBATE, ...world.seminars]) {
    await send(world.admin, 'PATCH', `/api/debates/${slug}/settings`, { locked: false, slowModeSeconds: 0, preModeration: false })
    for (const anchor of world.anchors) await send(world.admin, 'PUT', `/api/debates/${slug}/paragraphs/${anchor}/lock`, { locked: false })
    for (const w of (await send(world.admin, 'GET', `/api/debates/${slug}/watched-words`)).json().words ?? []) {
      await send(world.admin, 'DELETE', `/api/debates/${slug}/watched-words/${w.id}`)
    }
    for (const p of [...world.participants, ...world.guests])
      await send(world.admin, 'DELETE', `/api/debates/${slug}/mutes/${segment(p.username)}`)
  }
  for (const slug of world.seminars) {
    await send(world.admin, 'PUT', `/api/debates/${slug}/phase`, { phase: 'open' })
    let code: string | null = null
    const debateId = (await app.repos.debates.bySlug(slug))!.id
    for (const p of [...world.participants, ...world.guests]) {
      const guestOf = (await app.repos.users.byId(p.id))?.guestDebateId ?? null
      if (guestOf !== null && guestOf !== debateId) continue
      if ((await send(p, 'GET', `/api/debates/${slug}`)).statusCode !== 404) continue
      code ??= (await send(world.leader, 'POST', `/api/debates/${slug}/join-code`, {})).json().joinCode ?? null
      if (code) p.cookie = cookieOf(await send(p, 'POST', '/api/join', { code })) ?? p.cookie
    }
    if (code) addTo(world.pools.code, code)
  }
}
