/**
 * The base of events that ask for work with an outcome (post, sign in, edit): the element
 * that handles one calls `respondWith(promise)`, and the element that fired it awaits
 * `response` to show success or the error beside the right field. Modelled on FetchEvent.
 */
export abstract class RespondableEvent<T> extends Event {
  private reply: Promise<T> | null = null

  constructor(type: string) {
    super(type, { bubbles: true, composed: true })
  }

  respondWith(reply: Promise<T>): void {
    this.reply = reply
  }

  /** The handler's outcome; rejects when no handler answered. */
  get response(): Promise<T> {
    return this.reply ?? Promise.reject(new Error(`No handler answered ${this.type}`))
  }
}
