/**
 * The real server in a child process of its own (`node --import tsx server/server.ts`), on an
 * SQLite file of the experiment's choosing, so an experiment can kill it (-9), stop it
 * (SIGTERM), start it again on the same file and port, and read its memory from /proc.
 *
 * PORT=0 would leave the port unknown (the start-up line is not printed at LOG_LEVEL=warn),
 * so a free port on 127.0.0.1 is chosen here and kept across restarts: the origin the
 * clients send, and the sessions they hold, stay valid.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const READY_TIMEOUT_MS = 60_000
const OUTPUT_KEPT = 16_384

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** A free TCP port on 127.0.0.1, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export class ServerProcess {
  readonly url: string
  readonly origin: string
  readonly wsUrl: string
  private child: ChildProcess | null = null
  private exited: Promise<Exit> = Promise.resolve({ code: null, signal: null })
  private stopping = false
  /** Exits nobody asked for (a crash), with the output that came before. */
  readonly crashes: { exit: Exit; output: string }[] = []
  private output = ''

  private constructor(
    readonly dir: string,
    readonly databasePath: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.origin = `http://127.0.0.1:${port}`
    this.url = this.origin
    this.wsUrl = `ws://127.0.0.1:${port}/api/live`
  }

  /** A server on a fresh database file in a temporary directory of its own, started. */
  static async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-torture-'))
    const server = new ServerProcess(dir, join(dir, 'marginalia.db'), await freePort(), env)
    try {
      await server.boot()
    } catch (err) {
      await server.dispose()
      throw err
    }
    return server
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null
  }

  /** Starts the process and waits until /health answers. */
  async boot(): Promise<void> {
    if (this.running) throw new Error('the server is already running')
    this.output = ''
    this.stopping = false
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_PATH: this.databasePath,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.origin,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT)
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const exit = { code, signal }
        if (!this.stopping) this.crashes.push({ exit, output: this.output })
        resolve(exit)
      })
    })
    const giveUp = Date.now() + READY_TIMEOUT_MS
    for (;;) {
      if (!this.running) throw new Error(`the server exited before it answered /health:\n${this.output}`)
      if (await this.healthy(1000)) return
      if (Date.now() > giveUp) throw new Error(`the server did not answer /health within ${READY_TIMEOUT_MS / 1000} s:\n${this.output}`)
      await sleep(50)
    }
  }

  /** Whether GET /health answers 200 within the time given. */
  async healthy(timeoutMs = 2000): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) })
      await res.arrayBuffer()
      return res.status === 200
    } catch {
      return false
    }
  }

  /** kill -9: no shutdown, no flush; resolves once the process is gone. */
  async kill(): Promise<Exit> {
    this.stopping = true
    this.child?.kill('SIGKILL')
    return this.exited
  }

  /** SIGTERM: the graceful shutdown; resolves with how the process ended and how long it took. */
  async terminate(): Promise<Exit & { ms: number }> {
    this.stopping = true
    const started = performance.now()
    this.child?.kill('SIGTERM')
    const exit = await this.exited
    return { ...exit, ms: Math.round(performance.now() - started) }
  }

  /** The process's resident set, in bytes (VmRSS from /proc), or undefined once it is gone. */
  rss(): number | undefined {
    if (!this.running || this.pid === undefined) return undefined
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))
      return match ? Number(match[1]) * 1024 : undefined
    } catch {
      return undefined
    }
  }

  /** What the process wrote last (stdout and stderr), for a report. */
  get recentOutput(): string {
    return this.output
  }

  /** Kills the process if it still runs and removes its directory. */
  async dispose(): Promise<void> {
    if (this.running) await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
