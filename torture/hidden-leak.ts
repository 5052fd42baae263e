/**
 * "Hidden never leaks": a model-based property test. fast-check draws sequences of posts,
 * replies, edits, hides, unhides, deletions and phase changes (reading, private, open, closed)
 * in a seminar (anonymous or not) and in the public debate, by the leader, a moderator and several participants,
 * and a model keeps what each of them may see. After every step each participant (and an
 * anonymous reader of the public debate) is checked where a reader could find anything:
 *
 * - REST: the debate, the threads, every comment on its own and its earlier wordings, the room;
 * - live: the frames their own socket received during the step;
 * - replay: a fresh socket subscribing from `since=0`.
 *
 * Steps include flags (enough of them hide a comment), pre-moderation and approvals. A
 * participant must never find the body (any wording) of someone else's hidden or deleted
 * comment, nor anything of one that waits for approval, nor, while the seminar is in its
 * private phase, anything of someone else's argument there: neither its words nor the comment. Every body is a unique word, so finding it
 * in a frame or a response is finding it leaked.
 */
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_DEBATE, DEFAULT_ESSAY } from '../server/seed.ts'
import type { Check, Experiment } from './experiment.ts'
import { account, ORIGIN, paragraphAnchors, startApp, type Actor } from './in-process.ts'
import { LiveSocket, type Frame } from './live-socket.ts'

const FULL_RUNS = 30
const FULL_STEPS = 40
const PARTICIPANTS = 3
/** Threads the steps write in: few, so replies and hides meet the same comments. */
const ANCHORS = 2

export type Phase = 'reading' | 'private' | 'open' | 'closed'
export type Where = 'seminar' | 'public'
/** A participant by index, or the one who steers: the seminar's leader, the public debate's moderator. */
type Who = number | 'steward'

export interface ModelComment {
  id: number
  where: Where
  anchor: number
  authorId: number
  /** Every wording it had, the current one last. */
  bodies: string[]
  hidden: boolean
  deleted: boolean
  /** Waiting for a moderator's approval: only its author and the moderators see it. */
  pending: boolean
}

export interface Model {
  phase: Phase
  /** Pre-moderation in the public debate: participants' new comments wait for approval. */
  preModeration: boolean
  comments: ModelComment[]
}

interface Tally {
  steps: number
  kinds: Map<string, number>
  restReads: number
  frames: number
  replays: number
  leaks: string[]
  surprises: string[]
}

/** The app, its people and their sockets for one run. */
interface Stage {
  app: FastifyInstance
  liveUrl: string
  slug: Record<Where, string>
  leader: Actor
  moderator: Actor
  participants: Actor[]
  anchors: string[]
  /** One socket per participant (both debates) and one anonymous (the public debate). */
  sockets: Map<Actor | null, LiveSocket>
  /** How many frames of each socket were checked already. */
  checked: Map<LiveSocket, number>
  tally: Tally
  words: number
  close: () => Promise<void>
}

async function setStage(tally: Tally, anonymous: boolean): Promise<Stage> {
  const { app, liveUrl, close } = await startApp({ listen: true })
  const sockets = new Map<Actor | null, LiveSocket>()
  const stop = async () => {
    for (const s of sockets.values()) s.close()
    await close()
  }
  try {
    const admin = await account(app, 'leak-admin', { admin: true })
    const leader = await account(app, 'leak-leader')
    const moderator = await account(app, 'leak-moderator')
    const participants: Actor[] = []
    for (let i = 1; i <= PARTICIPANTS; i++) participants.push(await account(app, `leak-reader-${i}`))
    const send = async (who: Actor, method: 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await app.inject({ method, url, headers: { origin: ORIGIN, cookie: who.cookie }, ...(payload ? { payload } : {}) })
      if (res.statusCode >= 300) throw new Error(`setting the stage: ${method} ${url} answered ${res.statusCode} ${res.body}`)
      return res
    }
    await send(admin, 'PUT', `/api/debates/${DEFAULT_DEBATE}/moderators/${moderator.username}`)
    const created = await send(leader, 'POST', '/api/seminars', { essay: DEFAULT_ESSAY, title: 'Leak seminar', anonymous })
    const seminar = created.json().debate.slug as string
    for (const p of participants) {
      // Joining starts a new session.
      const cookie = (await send(p, 'POST', '/api/join', { code: created.json().joinCode })).cookies.find((c) => c.name === 'mg_session')
      if (cookie) p.cookie = `mg_session=${cookie.value}`
    }
    await send(leader, 'PUT', `/api/debates/${seminar}/phase`, { phase: 'private' })
    const anchors = (await paragraphAnchors(app)).slice(0, ANCHORS)

    const url = liveUrl!
    for (const who of [...participants, null]) {
      const socket = await LiveSocket.open(url, who?.cookie ?? null)
      sockets.set(who, socket)
      await socket.subscribe(DEFAULT_DEBATE, 0)
      if (who) await socket.subscribe(seminar, 0)
    }
    const stage: Stage = {
      app,
      liveUrl: url,
      slug: { seminar, public: DEFAULT_DEBATE },
      leader,
      moderator,
      participants,
      anchors,
      sockets,
      checked: new Map([...sockets.values()].map((s) => [s, s.frames.length])),
      tally,
      words: 0,
      close: stop,
    }
    return stage
  } catch (err) {
    await stop()
    throw err
  }
}

// What each reader may find.

/** The words and comment ids a reader must not find in a debate, as the model stands. */
export function forbidden(model: Model, where: Where, viewerId: number | null): { words: Map<string, ModelComment>; ids: Set<number> } {
  const words = new Map<string, ModelComment>()
  const ids = new Set<number>()
  for (const c of model.comments) {
    if (c.where !== where || c.authorId === viewerId) continue
    const privately = where === 'seminar' && model.phase === 'private'
    if (privately || c.pending) ids.add(c.id)
    if (privately || c.pending || c.hidden || c.deleted) for (const b of c.bodies) words.set(b, c)
  }
  return { words, ids }
}

/** The comment ids a JSON value shows: objects shaped like a comment, and events about one (a vote). */
function commentIds(value: unknown, into: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => commentIds(v, into))
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (typeof o.id === 'number' && 'stance' in o && 'body' in o) into.push(o.id)
    if (typeof o.commentId === 'number') into.push(o.commentId)
    Object.values(o).forEach((v) => commentIds(v, into))
  }
  return into
}

function describeComment(c: ModelComment): string {
  return `comment ${c.id} (${c.where}, by user ${c.authorId}${c.hidden ? ', hidden' : ''}${c.deleted ? ', deleted' : ''}${c.pending ? ', pending' : ''})`
}

/** Records every forbidden word or comment a text shows this reader. */
function inspect(stage: Stage, model: Model, where: Where, viewer: Actor | null, place: string, text: string): void {
  const { words, ids } = forbidden(model, where, viewer?.id ?? null)
  const who = viewer ? viewer.username : 'an anonymous reader'
  for (const [word, c] of words) {
    if (text.includes(word))
      stage.tally.leaks.push(`${who} found the words of ${describeComment(c)} in the ${model.phase} phase, in ${place}`)
  }
  if (ids.size === 0) return
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return
  }
  for (const id of commentIds(parsed)) {
    if (ids.has(id))
      stage.tally.leaks.push(
        `${who} received ${describeComment(model.comments.find((c) => c.id === id)!)} in the ${model.phase} phase, in ${place}`,
      )
  }
}

async function verify(stage: Stage, model: Model, step: string): Promise<void> {
  stage.tally.steps++
  const kind = step.slice(0, step.indexOf('('))
  stage.tally.kinds.set(kind, (stage.tally.kinds.get(kind) ?? 0) + 1)
  const viewers: (Actor | null)[] = [...stage.participants, null]
  for (const viewer of viewers) {
    const places: Where[] = viewer ? ['public', 'seminar'] : ['public']
    const headers = viewer ? { cookie: viewer.cookie } : {}
    for (const where of places) {
      const slug = stage.slug[where]
      const urls = [`/api/debates/${slug}`, ...stage.anchors.map((a) => `/api/debates/${slug}/paragraphs/${a}/comments`)]
      if (where === 'seminar') urls.push(`/api/debates/${slug}/room`)
      for (const c of model.comments.filter((c) => c.where === where)) urls.push(`/api/comments/${c.id}`, `/api/comments/${c.id}/versions`)
      for (const url of urls) {
        const res = await stage.app.inject({ url, headers })
        stage.tally.restReads++
        if (res.statusCode >= 500) stage.tally.surprises.push(`after ${step}: GET ${url} answered ${res.statusCode}`)
        inspect(stage, model, where, viewer, `GET ${url} after ${step}`, res.body)
      }
    }

    // Live: what the reader's own socket received during the step.
    const socket = stage.sockets.get(viewer)!
    await socket.sync()
    const from = stage.checked.get(socket) ?? 0
    for (const { raw, frame } of socket.frames.slice(from))
      checkFrame(stage, model, viewer, frame, raw, `a live ${frame.type} after ${step}`)
    stage.checked.set(socket, socket.frames.length)

    // Replay: everything from the start, as a reader who was away all along.
    const replay = await LiveSocket.open(stage.liveUrl, viewer?.cookie ?? null)
    try {
      for (const where of places) await replay.subscribe(stage.slug[where], 0)
      await replay.sync()
      stage.tally.replays++
      for (const { raw, frame } of replay.frames) checkFrame(stage, model, viewer, frame, raw, `a replayed ${frame.type} after ${step}`)
    } finally {
      replay.close()
    }
  }
}

function checkFrame(stage: Stage, model: Model, viewer: Actor | null, frame: Frame, raw: string, place: string): void {
  stage.tally.frames++
  const where: Where | null = frame.debate === stage.slug.seminar ? 'seminar' : frame.debate === stage.slug.public ? 'public' : null
  if (where) inspect(stage, model, where, viewer, place, raw)
  else if (frame.type !== 'pong') {
    // A frame naming no debate (an error, a presence notice) must not carry any debate's words.
    inspect(stage, model, 'seminar', viewer, place, raw)
    inspect(stage, model, 'public', viewer, place, raw)
  }
}

// The steps.

type Command = fc.AsyncCommand<Model, Stage>

function actorOf(stage: Stage, where: Where, who: Who): Actor {
  if (who === 'steward') return where === 'seminar' ? stage.leader : stage.moderator
  return stage.participants[who % stage.participants.length]!
}

/** The one of the cast who wrote the comment. */
function authorOf(stage: Stage, c: ModelComment): Actor {
  return [...stage.participants, stage.leader, stage.moderator].find((a) => a.id === c.authorId)!
}

/** May this person write (post, edit, delete their own) here now? */
function mayWrite(model: Model, where: Where, who: Who): boolean {
  if (where === 'public') return true
  if (model.phase === 'closed') return false
  return who === 'steward' || model.phase !== 'reading'
}

function expect(stage: Stage, step: string, status: number, allowed: number[]): boolean {
  if (allowed.includes(status)) return true
  stage.tally.surprises.push(`${step} answered ${status}, expected ${allowed.join(' or ')}`)
  return false
}

async function write(stage: Stage, who: Actor, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return stage.app.inject({ method, url, headers: { origin: ORIGIN, cookie: who.cookie }, ...(payload ? { payload } : {}) })
}

class Post implements Command {
  constructor(
    readonly where: Where,
    readonly who: Who,
    readonly anchor: number,
    readonly reply: number | null,
  ) {}

  check = () => true

  async run(model: Model, stage: Stage): Promise<void> {
    const author = actorOf(stage, this.where, this.who)
    const siblings = model.comments.filter((c) => c.where === this.where && c.anchor === this.anchor)
    const parent = this.reply === null || siblings.length === 0 ? null : siblings[this.reply % siblings.length]!
    const body = `leak-${++stage.words}-word`
    const step = this.toString()
    const res = await write(
      stage,
      author,
      'POST',
      `/api/debates/${stage.slug[this.where]}/paragraphs/${stage.anchors[this.anchor]}/comments`,
      {
        body,
        stance: 'contra',
        ...(parent ? { parentId: parent.id } : {}),
      },
    )
    // A participant cannot answer what they cannot see: another's argument in the private
    // phase, or one still held for review.
    const unseenParent =
      parent !== null &&
      this.who !== 'steward' &&
      parent.authorId !== author.id &&
      (parent.pending || (this.where === 'seminar' && model.phase === 'private'))
    // A deleted argument takes no new replies.
    const expected = !mayWrite(model, this.where, this.who) ? [403] : unseenParent ? [400] : parent?.deleted ? [409] : [201]
    if (expect(stage, step, res.statusCode, expected) && res.statusCode === 201) {
      const pending = res.json().comment.status !== 'published'
      const held = this.where === 'public' && model.preModeration && this.who !== 'steward'
      if (pending !== held)
        stage.tally.surprises.push(`${step} was stored ${pending ? 'pending' : 'published'}, expected ${held ? 'pending' : 'published'}`)
      model.comments.push({
        id: res.json().comment.id,
        where: this.where,
        anchor: this.anchor,
        authorId: author.id,
        bodies: [body],
        hidden: false,
        deleted: false,
        pending,
      })
    }
    await verify(stage, model, step)
  }

  toString = () => `post(${this.where}, ${this.who}, paragraph ${this.anchor}${this.reply === null ? '' : `, reply to #${this.reply}`})`
}

/**
 * A step on one existing comment, picked by index among those of its debate. Every such step
 * writes, updates the picked comment's model from the answer, and has every reader checked.
 */
abstract class OnComment implements Command {
  constructor(
    readonly where: Where,
    readonly pick: number,
  ) {}

  check = (model: Readonly<Model>) => model.comments.some((c) => c.where === this.where)

  async run(model: Model, stage: Stage): Promise<void> {
    const candidates = model.comments.filter((c) => c.where === this.where)
    await this.act(candidates[this.pick % candidates.length]!, stage, model)
    await verify(stage, model, this.toString())
  }

  /** The write on the picked comment, and what its answer tells the model. */
  protected abstract act(c: ModelComment, stage: Stage, model: Model): Promise<void>
}

class Hide extends OnComment {
  protected async act(c: ModelComment, stage: Stage): Promise<void> {
    const res = await write(stage, actorOf(stage, this.where, 'steward'), 'POST', `/api/comments/${c.id}/hide`, { reason: 'off topic' })
    if (expect(stage, this.toString(), res.statusCode, c.deleted ? [409] : [200, 409]) && res.statusCode === 200)
      c.hidden = res.json().comment.hidden
  }

  override toString = () => `hide(${this.where}, #${this.pick})`
}

class Unhide extends OnComment {
  protected async act(c: ModelComment, stage: Stage): Promise<void> {
    const res = await write(stage, actorOf(stage, this.where, 'steward'), 'POST', `/api/comments/${c.id}/unhide`)
    if (expect(stage, this.toString(), res.statusCode, [200, 409]) && res.statusCode === 200) c.hidden = res.json().comment.hidden
  }

  override toString = () => `unhide(${this.where}, #${this.pick})`
}

class Delete extends OnComment {
  constructor(
    where: Where,
    pick: number,
    readonly byAuthor: boolean,
  ) {
    super(where, pick)
  }

  protected async act(c: ModelComment, stage: Stage, model: Model): Promise<void> {
    const steward = actorOf(stage, this.where, 'steward')
    const author = authorOf(stage, c)
    const who = this.byAuthor ? author : steward
    const res = await write(stage, who, 'DELETE', `/api/comments/${c.id}`)
    const asParticipant = who !== steward && !(this.where === 'seminar' && who === stage.leader)
    const allowed = c.deleted ? [204, 403, 404, 409] : asParticipant && !mayWrite(model, this.where, 0) ? [403] : [204]
    if (expect(stage, this.toString(), res.statusCode, allowed) && res.statusCode === 204) c.deleted = true
  }

  override toString = () => `delete(${this.where}, #${this.pick}, by ${this.byAuthor ? 'its author' : 'the steward'})`
}

class Edit extends OnComment {
  protected async act(c: ModelComment, stage: Stage, model: Model): Promise<void> {
    const author = authorOf(stage, c)
    const body = `leak-${++stage.words}-word`
    const res = await write(stage, author, 'PATCH', `/api/comments/${c.id}`, { body })
    const steward = author === actorOf(stage, this.where, 'steward')
    const allowed = c.deleted ? [403, 404, 409] : !mayWrite(model, this.where, steward ? 'steward' : 0) ? [403] : [200]
    if (expect(stage, this.toString(), res.statusCode, allowed) && res.statusCode === 200) {
      c.bodies.push(body)
      c.pending = res.json().comment.status !== 'published'
    }
  }

  override toString = () => `edit(${this.where}, #${this.pick})`
}

/** A step on a comment by one of the participants. */
abstract class ByParticipant extends OnComment {
  constructor(
    where: Where,
    pick: number,
    readonly who: number,
  ) {
    super(where, pick)
  }
}

/**
 * A participant flags someone else's comment. Enough flags hide it until reviewed; the model
 * takes whether it is hidden now from the steward's view, since that is the rule's outcome.
 */
class Flag extends ByParticipant {
  protected async act(c: ModelComment, stage: Stage): Promise<void> {
    const flagger = actorOf(stage, this.where, this.who)
    const res = await write(stage, flagger, 'POST', `/api/comments/${c.id}/flags`, { reason: 'spam' })
    expect(stage, this.toString(), res.statusCode, [201, 403, 404, 409])
    const truth = await stage.app.inject({
      url: `/api/comments/${c.id}`,
      headers: { cookie: actorOf(stage, this.where, 'steward').cookie },
    })
    if (expect(stage, `${this.toString()}, then the steward's read`, truth.statusCode, [200])) c.hidden = truth.json().comment.hidden
  }

  override toString = () => `flag(${this.where}, #${this.pick}, by ${this.who})`
}

/** The public debate's moderator turns pre-moderation on or off. */
class PreModeration implements Command {
  constructor(readonly on: boolean) {}

  check = () => true

  async run(model: Model, stage: Stage): Promise<void> {
    const res = await write(stage, stage.moderator, 'PATCH', `/api/debates/${stage.slug.public}/settings`, { preModeration: this.on })
    if (expect(stage, this.toString(), res.statusCode, [200])) model.preModeration = this.on
    await verify(stage, model, this.toString())
  }

  toString = () => `pre-moderation(${this.on ? 'on' : 'off'})`
}

/** The moderator approves a comment held for review, from the queue. */
class Approve implements Command {
  constructor(readonly pick: number) {}

  check = (model: Readonly<Model>) => model.comments.some((c) => c.pending && !c.deleted)

  async run(model: Model, stage: Stage): Promise<void> {
    const held = model.comments.filter((c) => c.pending && !c.deleted)
    const c = held[this.pick % held.length]!
    const steward = actorOf(stage, c.where, 'steward')
    const queue = await stage.app.inject({
      url: `/api/debates/${stage.slug[c.where]}/moderation/queue`,
      headers: { cookie: steward.cookie },
    })
    const item = (queue.json().items as { id: number; kind: string; comment: { id: number } }[]).find(
      (i) => i.kind === 'held' && i.comment.id === c.id,
    )
    if (!item) stage.tally.surprises.push(`${this.toString()}: comment ${c.id} is not held in the queue`)
    else {
      const res = await write(stage, steward, 'POST', `/api/moderation/queue/${item.id}`, { action: 'keep' })
      if (expect(stage, this.toString(), res.statusCode, [200])) c.pending = false
    }
    await verify(stage, model, this.toString())
  }

  toString = () => `approve(#${this.pick})`
}

/** A participant upvotes a comment; in the private phase others must not even learn of the vote. */
class Vote extends ByParticipant {
  protected async act(c: ModelComment, stage: Stage): Promise<void> {
    const res = await write(stage, actorOf(stage, this.where, this.who), 'PUT', `/api/comments/${c.id}/vote`, { value: 1 })
    expect(stage, this.toString(), res.statusCode, [200, 403, 404, 409])
  }

  override toString = () => `vote(${this.where}, #${this.pick}, by ${this.who})`
}

class SetPhase implements Command {
  constructor(readonly phase: Phase) {}

  check = () => true

  async run(model: Model, stage: Stage): Promise<void> {
    const res = await write(stage, stage.leader, 'PUT', `/api/debates/${stage.slug.seminar}/phase`, { phase: this.phase })
    if (expect(stage, this.toString(), res.statusCode, [200])) model.phase = this.phase
    await verify(stage, model, this.toString())
  }

  toString = () => `phase(${this.phase})`
}

const where = fc.constantFrom<Where>('seminar', 'public')
const who = fc.oneof(
  { arbitrary: fc.nat({ max: PARTICIPANTS - 1 }) as fc.Arbitrary<Who>, weight: 3 },
  { arbitrary: fc.constant<Who>('steward'), weight: 1 },
)
const pick = fc.nat({ max: 50 })

const commands = [
  fc.tuple(where, who, fc.nat({ max: ANCHORS - 1 }), fc.option(pick, { freq: 2 })).map(([w, p, a, r]) => new Post(w, p, a, r) as Command),
  fc.tuple(where, who, fc.nat({ max: ANCHORS - 1 }), fc.option(pick, { freq: 2 })).map(([w, p, a, r]) => new Post(w, p, a, r) as Command),
  fc.tuple(where, pick).map(([w, i]) => new Hide(w, i) as Command),
  fc.tuple(where, pick).map(([w, i]) => new Hide(w, i) as Command),
  fc.tuple(where, pick).map(([w, i]) => new Unhide(w, i) as Command),
  fc.tuple(where, pick, fc.boolean()).map(([w, i, a]) => new Delete(w, i, a) as Command),
  fc.tuple(where, pick).map(([w, i]) => new Edit(w, i) as Command),
  fc.constantFrom<Phase>('reading', 'private', 'open', 'closed').map((p) => new SetPhase(p) as Command),
  fc.constantFrom<Phase>('private', 'open').map((p) => new SetPhase(p) as Command),
  fc.tuple(where, pick, fc.nat({ max: PARTICIPANTS - 1 })).map(([w, i, p]) => new Flag(w, i, p) as Command),
  fc.tuple(where, pick, fc.nat({ max: PARTICIPANTS - 1 })).map(([w, i, p]) => new Flag(w, i, p) as Command),
  fc.boolean().map((on) => new PreModeration(on) as Command),
  pick.map((i) => new Approve(i) as Command),
  fc.tuple(where, pick, fc.nat({ max: PARTICIPANTS - 1 })).map(([w, i, p]) => new Vote(w, i, p) as Command),
]

export const run: Experiment = async ({ seed, scale }) => {
  const runs = Math.max(2, Math.round(FULL_RUNS * scale))
  const steps = Math.max(10, Math.round(FULL_STEPS * Math.min(1, Math.sqrt(scale))))
  const tally: Tally = { steps: 0, kinds: new Map(), restReads: 0, frames: 0, replays: 0, leaks: [], surprises: [] }
  let sequences = 0
  const sequence = fc.array(fc.oneof(...commands), { minLength: Math.ceil(steps * 0.75), maxLength: steps })
  const property = fc.asyncProperty(fc.boolean(), sequence, async (anonymous, cmds) => {
    sequences++
    const before = tally.leaks.length + tally.surprises.length
    const stage = await setStage(tally, anonymous)
    try {
      await fc.asyncModelRun(() => ({ model: { phase: 'private' as Phase, preModeration: false, comments: [] }, real: stage }), cmds)
    } finally {
      await stage.close()
    }
    return tally.leaks.length + tally.surprises.length === before
  })
  // A failing sequence is reported as drawn: shrinking would rebuild the app for every attempt.
  const details = await fc.check(property, { seed, numRuns: runs, endOnFailure: true })
  const counterexample = details.counterexample
    ? `failing sequence (${details.counterexample[0] ? 'anonymous ' : ''}seminar): ${details.counterexample[1].map(String).join(', ')}`
    : null
  const error =
    details.errorInstance &&
    !(details.errorInstance instanceof Error && /Property failed by returning false/.test(details.errorInstance.message))
      ? `run stopped: ${(details.errorInstance as Error).message ?? String(details.errorInstance)}`
      : null
  const checks: Check[] = [
    {
      claim: 'a participant never finds a hidden, deleted or unapproved body, nor another’s private-phase argument (REST, live, replay)',
      pass: tally.leaks.length === 0,
      figure: `${tally.leaks.length} leaks in ${tally.steps.toLocaleString('en')} steps`,
    },
    {
      claim: 'every write answers as the model expects, and no read answers 5xx',
      pass: tally.surprises.length === 0,
      figure: `${tally.surprises.length} surprises`,
    },
    {
      claim: 'every drawn sequence ran to its end',
      pass: error === null && sequences >= runs,
      figure: `${sequences} of ${runs} sequences`,
    },
  ]
  return {
    name: 'hidden-leak',
    figures: {
      sequences,
      steps: tally.steps,
      'steps by kind': [...tally.kinds].map(([k, n]) => `${k} ${n}`).join(', '),
      'REST reads checked': tally.restReads,
      'frames checked': tally.frames,
      'replays from since=0': tally.replays,
    },
    checks,
    notes: [
      ...(error ? [error] : []),
      ...(counterexample && !details.failed ? [] : counterexample ? [counterexample] : []),
      ...tally.leaks.slice(0, 8),
      ...tally.surprises.slice(0, 8),
    ],
  }
}
