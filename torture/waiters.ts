/**
 * Waiting for what a socket receives: conditions that are checked again whenever a frame
 * arrives, each given up after a bound with a message that names what did not come.
 * Shared by the torture experiments' sockets and the live tests' clients.
 */
export const WAIT_MS = 10_000

export class Waiters {
  private readonly checks = new Set<() => void>()

  /** Checks every pending condition again; call it after each frame. */
  notify(): void {
    for (const check of [...this.checks]) check()
  }

  /** Resolves once the condition holds; fails after WAIT_MS naming `what` (and `context()`, if given). */
  until(condition: () => boolean, what: string, context?: () => string): Promise<void> {
    if (condition()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return
        this.checks.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.checks.delete(check)
        reject(new Error(`no ${what} within ${WAIT_MS} ms${context ? `; ${context()}` : ''}`))
      }, WAIT_MS)
      this.checks.add(check)
    })
  }
}
