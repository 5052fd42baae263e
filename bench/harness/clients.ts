/**
 * Reader processes for the live benchmarks: each holds a share of the sockets in a process of
 * its own (bench/clients/<name>.ts, built on bench/clients/readers.ts), so the sockets, the
 * server and the runner never share a JavaScript thread. The runner drives a reader over IPC,
 * one command and one answer at a time; a reader exits when the runner goes away.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ReaderCommand, ReaderReply } from '../clients/readers.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLIENTS = fileURLToPath(new URL('../clients/', import.meta.url))

/** How many reader processes a live benchmark spreads its sockets over. */
export const READER_PROCESSES = 2

export class ReaderProcess {
  private readonly child: ChildProcess
  private pending: { type: string; resolve: (reply: ReaderReply) => void; reject: (err: Error) => void } | null = null

  /** Starts `bench/clients/<script>`. */
  constructor(private readonly script: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', `${CLIENTS}${script}`], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (message: ReaderReply) => {
      const pending = this.pending
      if (!pending) return
      this.pending = null
      if (message.type === 'error') pending.reject(new Error(`${this.script}: ${message.message}`))
      else if (message.type !== pending.type) pending.reject(new Error(`${this.script} answered ${message.type}, not ${pending.type}`))
      else pending.resolve(message)
    })
    this.child.once('exit', (code, signal) => {
      this.pending?.reject(new Error(`${this.script} exited (${signal ?? code})`))
      this.pending = null
    })
  }

  ask<T extends ReaderReply['type']>(command: ReaderCommand, answer: T): Promise<Extract<ReaderReply, { type: T }>> {
    if (this.pending) return Promise.reject(new Error(`${this.script} is busy`))
    return new Promise((resolve, reject) => {
      this.pending = { type: answer, resolve: resolve as (reply: ReaderReply) => void, reject }
      this.child.send(command)
    })
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }
}

/** Starts the READER_PROCESSES readers of `bench/clients/<script>`. */
export function startReaders(script: string): ReaderProcess[] {
  return Array.from({ length: READER_PROCESSES }, () => new ReaderProcess(script))
}

/** Waits for the readers to count `expected` deliveries between them, or for the count to stall `stallMs`; resolves with it. */
export async function drain(readers: ReaderProcess[], expected: number, stallMs: number): Promise<number> {
  let delivered = -1
  let progressAt = now()
  for (;;) {
    const counts = await Promise.all(readers.map((reader) => reader.ask({ type: 'count' }, 'count')))
    const sum = counts.reduce((s, c) => s + c.deliveries, 0)
    if (sum >= expected) return sum
    if (sum !== delivered) {
      delivered = sum
      progressAt = now()
    } else if (now() - progressAt > stallMs) {
      return sum
    }
    await sleep(100)
  }
}

/** Fails early when the open-file limit cannot hold the sockets (each one is a descriptor). */
export function checkOpenFiles(sockets: number, benchmark: string): void {
  const raw = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()
  const limit = raw === 'unlimited' ? Infinity : Number(raw)
  const needed = sockets + 512
  if (!(limit >= needed)) {
    throw new Error(
      `the open-file limit (ulimit -n) is ${raw}; the ${benchmark} benchmark needs at least ${needed}: raise it with \`ulimit -n ${needed}\``,
    )
  }
}

/** The value at quantile `p` of ascending `sorted` values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
}

/** Milliseconds since the epoch with sub-millisecond precision; the readers stamp receipts with the same clock. */
export function now(): number {
  return performance.timeOrigin + performance.now()
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
