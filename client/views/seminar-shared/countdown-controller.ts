/**
 * A reactive controller for a speaker's timer: it re-renders its host once a second while
 * the timer runs, and tells the seconds left on the server's clock (the room's clock skew
 * corrected), so every screen in the room shows the same number. It stops ticking when the
 * timer ends, stops or the host leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Timer } from '../../services/types.ts'

/** Seconds left on the timer at `now` (this device's clock), never below zero. */
export function remainingSeconds(timer: Timer, skewMs: number, now: number = Date.now()): number {
  const ends = Date.parse(timer.endsAt)
  if (!Number.isFinite(ends)) return 0
  // Never more than the timebox: a skew measured over a slow network would otherwise add a second.
  return Math.min(timer.seconds, Math.max(0, Math.ceil((ends - (now + skewMs)) / 1000)))
}

export class CountdownController implements ReactiveController {
  private timer: Timer | null = null
  private skewMs = 0
  private interval: ReturnType<typeof setInterval> | null = null
  private connected = false

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Test seam: the clock. */
    private readonly now: () => number = Date.now,
  ) {
    host.addController(this)
  }

  /** Follows `timer` (null: none); call it on each render with the room's timer. */
  follow(timer: Timer | null, skewMs: number): void {
    this.timer = timer
    this.skewMs = skewMs
    this.schedule()
  }

  /** Seconds left, or null without a timer. */
  get seconds(): number | null {
    return this.timer ? remainingSeconds(this.timer, this.skewMs, this.now()) : null
  }

  hostConnected(): void {
    this.connected = true
    this.schedule()
  }

  hostDisconnected(): void {
    this.connected = false
    this.schedule()
  }

  private schedule(): void {
    const running = this.connected && this.timer !== null && (this.seconds ?? 0) > 0
    if (running && !this.interval) {
      this.interval = setInterval(() => {
        this.host.requestUpdate()
        if ((this.seconds ?? 0) <= 0) this.schedule()
      }, 1000)
    } else if (!running && this.interval) {
      clearInterval(this.interval)
      this.interval = null
    }
  }
}
