/**
 * Servers under test, each in a child process of its own, so the load generator (this
 * process) and the server never share a JavaScript thread. A child announces itself with
 * one JSON line on stdout (`{ "port": …, … }`) once it listens, and exits when its stdin
 * closes: even if the run dies without cleaning up, no server outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVERS = fileURLToPath(new URL('../servers/', import.meta.url))
/** Where `BENCH_PROFILE=1` makes each server write its V8 CPU profile. */
export const PROFILE_DIR = fileURLToPath(new URL('../results/profiles/', import.meta.url))
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

export interface ServerHandle<T extends object> {
  pid: number
  url: string
  /** What the server announced besides its port. */
  info: T & { port: number }
  stop(): Promise<void>
}

export class ServerPool {
  private readonly children = new Set<ChildProcess>()

  constructor(private readonly profile: boolean) {}

  async start<T extends object>(script: string, args: string[] = []): Promise<ServerHandle<T>> {
    const flags = ['--import', 'tsx']
    if (this.profile) {
      mkdirSync(PROFILE_DIR, { recursive: true })
      flags.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`)
    }
    // Node itself, not the tsx launcher, so the pid we hold is the server's.
    const child = spawn(process.execPath, [...flags, `${SERVERS}${script}`, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    this.children.add(child)
    child.once('exit', () => this.children.delete(child))
    try {
      const info = await readyLine<T>(child, script)
      return {
        pid: child.pid!,
        url: `http://127.0.0.1:${info.port}`,
        info,
        stop: () => stop(child),
      }
    } catch (err) {
      await stop(child)
      throw err
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map(stop))
  }

  /** Last resort from an `exit` handler, where nothing asynchronous runs any more. */
  killAllNow(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL')
  }
}

function readyLine<T extends object>(child: ChildProcess, script: string): Promise<T & { port: number }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const fail = (message: string) => {
      clearTimeout(timer)
      child.off('exit', onExit)
      lines.close()
      reject(new Error(`${script}: ${message}`))
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code}) before listening`)
    const timer = setTimeout(() => fail(`not listening after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS)
    child.once('exit', onExit)
    lines.on('line', (line) => {
      let message: unknown
      try {
        message = JSON.parse(line)
      } catch {
        return
      }
      if (typeof message === 'object' && message !== null && typeof (message as { port?: unknown }).port === 'number') {
        clearTimeout(timer)
        child.off('exit', onExit)
        resolve(message as T & { port: number })
      }
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    // Closing stdin asks for a clean exit, which is also when a CPU profile is written.
    child.stdin?.end()
    child.kill('SIGTERM')
  })
}
