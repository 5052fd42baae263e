/**
 * The one way an element asks the page for work: fire a `RequestEvent`. It carries plain data
 * and nothing else; the handler registered for its type (client/handlers/, or the handlers a
 * lazy view brings) calls the services and records the outcome in the store, then answers
 * through `respondWith`. The element awaits `response` only when it shows the outcome itself,
 * such as an error beside the field that caused it. Modelled on FetchEvent.
 *
 * Events an element fires for its parent alone (`mg-dismiss`, `mg-posted`) are plain `Event`s.
 */
export abstract class RequestEvent<T = void> extends Event {
  private reply: Promise<T> | null = null

  constructor(type: string) {
    super(type, { bubbles: true, composed: true })
  }

  respondWith(reply: Promise<T>): void {
    this.reply = reply
  }

  /** A handler nearer the element has answered already; the page's leaves it be. */
  get answered(): boolean {
    return this.reply !== null
  }

  /** The handler's outcome; rejects when no handler answered. */
  get response(): Promise<T> {
    return this.reply ?? Promise.reject(new Error(`No handler answered ${this.type}`))
  }
}

/** Fires `event` from `target` and waits for its handler's answer. */
export function request<T>(target: EventTarget, event: RequestEvent<T>): Promise<T> {
  target.dispatchEvent(event)
  return event.response
}
