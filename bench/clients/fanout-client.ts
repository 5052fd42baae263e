/**
 * One share of the fan-out benchmark's readers, in a process of its own so that the sockets
 * and the server never share a JavaScript thread. Driven by the runner over IPC:
 *
 * - `open` opens `count` sockets (and subscribes each when the server needs it), then answers
 *   `opened` once every socket is ready to receive events;
 * - `count` answers with the `comment.created` frames received so far, over all sockets;
 * - `report` answers, per comment id, how many sockets received it and when the last one did
 *   (`performance.timeOrigin + performance.now()`, the clock the runner stamps posts with),
 *   and starts counting afresh;
 * - `close` closes every socket.
 *
 * The process exits when the runner goes away.
 */
import WebSocket from 'ws'

export type ClientCommand =
  | { type: 'open'; url: string; count: number; origin: string; subscribe?: Record<string, unknown> }
  | { type: 'count' }
  | { type: 'report' }
  | { type: 'close' }

export type ClientReply =
  | { type: 'opened'; sockets: number }
  | { type: 'count'; deliveries: number }
  /** `comments`: [comment id, sockets that received it, last receipt time in ms]. */
  | { type: 'report'; comments: [number, number, number][]; closedEarly: number }
  | { type: 'closed' }
  | { type: 'error'; message: string }

// Opening thousands of sockets at once overflows the server's accept backlog; a few dozen
// in flight keeps the handshakes moving without refused connections.
const OPENING_AT_ONCE = 50
const READY_TIMEOUT_MS = 30_000

const sockets: WebSocket[] = []
let received = new Map<number, [count: number, last: number]>()
let deliveries = 0
let closedEarly = 0
let closing = false

function reply(message: ClientReply): void {
  process.send?.(message)
}

function now(): number {
  return performance.timeOrigin + performance.now()
}

// Thousands of frames a second arrive on this process's sockets; finding the comment id in
// the raw bytes, instead of parsing every frame whole, keeps the readers from becoming the
// bottleneck that is measured. Both servers write the comment's `id` as its first key.
const CREATED = Buffer.from('"type":"comment.created"')
const COMMENT_ID = Buffer.from('"comment":{"id":')

function commentIdOf(frame: Buffer): number | undefined {
  if (frame.indexOf(CREATED) < 0) return undefined
  const at = frame.indexOf(COMMENT_ID)
  if (at < 0) return undefined
  let id = 0
  let i = at + COMMENT_ID.length
  for (; i < frame.length && frame[i]! >= 0x30 && frame[i]! <= 0x39; i++) id = id * 10 + frame[i]! - 0x30
  return i > at + COMMENT_ID.length ? id : undefined
}

function onFrame(data: WebSocket.RawData): void {
  const at = now()
  const id = commentIdOf(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data))
  if (id === undefined) return
  deliveries++
  const entry = received.get(id)
  if (entry) {
    entry[0]++
    entry[1] = Math.max(entry[1], at)
  } else {
    received.set(id, [1, at])
  }
}

function openOne(url: string, origin: string, subscribe: Record<string, unknown> | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { origin }, perMessageDeflate: false })
    const timer = setTimeout(() => reject(new Error(`socket not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS)
    const ready = () => {
      clearTimeout(timer)
      socket.off('message', onSubscribed)
      socket.on('message', onFrame)
      sockets.push(socket)
      resolve()
    }
    const onSubscribed = (data: WebSocket.RawData) => {
      if ((JSON.parse(data.toString()) as { type?: string }).type === 'subscribed') ready()
    }
    socket.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    socket.once('close', (code) => {
      if (!closing) closedEarly++
      clearTimeout(timer)
      reject(new Error(`socket closed (${code}) before it was ready`))
    })
    socket.once('open', () => {
      if (!subscribe) return ready()
      socket.on('message', onSubscribed)
      socket.send(JSON.stringify(subscribe))
    })
  })
}

async function open(command: Extract<ClientCommand, { type: 'open' }>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < command.count) {
      next++
      await openOne(command.url, command.origin, command.subscribe)
    }
  }
  await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, command.count) }, worker))
  reply({ type: 'opened', sockets: sockets.length })
}

async function closeAll(): Promise<void> {
  closing = true
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve()
          socket.once('close', () => resolve())
          socket.close(1000)
        }),
    ),
  )
  sockets.length = 0
  reply({ type: 'closed' })
}

process.on('message', (command: ClientCommand) => {
  const run = async () => {
    switch (command.type) {
      case 'open':
        return open(command)
      case 'count':
        return reply({ type: 'count', deliveries })
      case 'report': {
        const comments = [...received].map(([id, [count, last]]): [number, number, number] => [id, count, last])
        received = new Map()
        deliveries = 0
        return reply({ type: 'report', comments, closedEarly })
      }
      case 'close':
        return closeAll()
    }
  }
  run().catch((err: unknown) => reply({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
})
process.on('disconnect', () => process.exit(0))
