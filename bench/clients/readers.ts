/**
 * The loop every live benchmark's reader process runs: it holds a share of the sockets and
 * counts the frames they receive, by a key the benchmark finds in the raw bytes (a comment id,
 * a client id). Driven by the runner over IPC (bench/harness/clients.ts):
 *
 * - `open` opens `count` sockets (each with its own cookie when `cookies` is given, and each
 *   subscribed when the server needs it), then answers `opened` once every socket is ready to
 *   receive events;
 * - `count` answers with the keyed frames received so far, over all sockets;
 * - `report` answers, per key, how many frames carried it and when the last one arrived
 *   (`performance.timeOrigin + performance.now()`, the clock the runner stamps requests with),
 *   and starts counting afresh;
 * - `close` closes every socket.
 *
 * The process exits when the runner goes away.
 */
import WebSocket from 'ws'

export type ReaderCommand =
  | {
      type: 'open'
      url: string
      count: number
      origin: string
      subscribe?: Record<string, unknown>
      /** One `Cookie` header per socket, `count` of them. */
      cookies?: string[]
    }
  | { type: 'count' }
  | { type: 'report' }
  | { type: 'close' }

export type ReaderReply =
  | { type: 'opened'; sockets: number }
  | { type: 'count'; deliveries: number }
  /** `keys`: [key, frames that carried it, last receipt time in ms]. */
  | { type: 'report'; keys: [string | number, number, number][]; closedEarly: number }
  | { type: 'closed' }
  | { type: 'error'; message: string }

/** Finds a frame's key without parsing it whole; undefined for frames that are not counted. */
export type KeyOf = (frame: Buffer) => string | number | undefined

// Opening thousands of sockets at once overflows the server's accept backlog; a few dozen
// in flight keeps the handshakes moving without refused connections.
const OPENING_AT_ONCE = 50
const READY_TIMEOUT_MS = 30_000

export function serveReaders(keyOf: KeyOf): void {
  const sockets: WebSocket[] = []
  let received = new Map<string | number, [count: number, last: number]>()
  let deliveries = 0
  let closedEarly = 0
  let closing = false

  const reply = (message: ReaderReply) => process.send?.(message)
  const now = () => performance.timeOrigin + performance.now()

  const onFrame = (data: WebSocket.RawData) => {
    const at = now()
    const key = keyOf(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data))
    if (key === undefined) return
    deliveries++
    const entry = received.get(key)
    if (entry) {
      entry[0]++
      entry[1] = Math.max(entry[1], at)
    } else {
      received.set(key, [1, at])
    }
  }

  const openOne = (url: string, origin: string, subscribe: Record<string, unknown> | undefined, cookie: string | undefined) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { origin }
      if (cookie) headers.cookie = cookie
      const socket = new WebSocket(url, { headers, perMessageDeflate: false })
      const timer = setTimeout(() => reject(new Error(`socket not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS)
      const ready = () => {
        clearTimeout(timer)
        socket.off('message', onSubscribed)
        socket.on('message', onFrame)
        sockets.push(socket)
        resolve()
      }
      const onSubscribed = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { type?: string; message?: string }
        if (message.type === 'subscribed') ready()
        // A refused subscription would otherwise only show as a timeout.
        else if (message.type === 'error') {
          clearTimeout(timer)
          reject(new Error(`subscription refused: ${message.message}`))
        }
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

  const open = async (command: Extract<ReaderCommand, { type: 'open' }>) => {
    if (command.cookies && command.cookies.length !== command.count) {
      throw new Error(`open: ${command.cookies.length} cookies for ${command.count} sockets`)
    }
    closing = false
    let next = 0
    const worker = async () => {
      while (next < command.count) {
        const i = next++
        await openOne(command.url, command.origin, command.subscribe, command.cookies?.[i])
      }
    }
    await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, command.count) }, worker))
    reply({ type: 'opened', sockets: sockets.length })
  }

  const closeAll = async () => {
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

  process.on('message', (command: ReaderCommand) => {
    const run = async () => {
      switch (command.type) {
        case 'open':
          return open(command)
        case 'count':
          return reply({ type: 'count', deliveries })
        case 'report': {
          const keys = [...received].map(([key, [count, last]]): [string | number, number, number] => [key, count, last])
          received = new Map()
          deliveries = 0
          return reply({ type: 'report', keys, closedEarly })
        }
        case 'close':
          return closeAll()
      }
    }
    run().catch((err: unknown) => reply({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
  })
  process.on('disconnect', () => process.exit(0))
}
