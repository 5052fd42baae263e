/**
 * What a handler works with, and how handlers are registered. A handler answers one
 * `RequestEvent` type: it calls the services, records the outcome in the store through the
 * slices, and returns the answer the element awaits. The root element registers the page's
 * handlers; a lazy view's chunk brings its own, which the root registers when it loads them.
 */
import type { RequestEvent } from '../events/request.ts'
import type { Api } from '../services/api.ts'
import type { Stance } from '../services/types.ts'
import { nextN } from '../state/common.ts'
import type { Store } from '../state/store.ts'

export interface Context {
  store: Store
  api: Api
  /** What the live connection tells others of this reader (absent where a page runs without one). */
  live: Presence | null
  /** Opens another page of the app. */
  navigate(path: string): void
}

export interface Presence {
  /** The reader is writing an argument of `stance` under `anchor`. */
  typing(anchor: string, stance: Stance): void
  /** The reader's threads or the paragraph in view (when given) changed. */
  reading(viewing?: string | null): void
}

/** Every event type that asks the page for work, with its event class. */
type Requests = {
  [
    K in keyof GlobalEventHandlersEventMap as GlobalEventHandlersEventMap[K] extends RequestEvent<unknown> ? K : never
  ]: GlobalEventHandlersEventMap[K]
}

type Answer<E> = E extends RequestEvent<infer T> ? T : never

/** Handlers by event type; each answers its event with what the event's class promises. */
export type Handlers = {
  [K in keyof Requests]?: (event: Requests[K], context: Context) => Answer<Requests[K]> | Promise<Answer<Requests[K]>>
}

const registered = new WeakMap<EventTarget, Map<string, { handler: unknown; context: Context }>>()

/**
 * Answers the events below `target` with `handlers`, until the function returned is called.
 * A handler registered again with the same context (two chunks share a module) is registered
 * once; two different ones for a type are a mistake.
 */
export function register(target: EventTarget, handlers: Handlers, context: Context): () => void {
  const known = registered.get(target) ?? new Map<string, { handler: unknown; context: Context }>()
  registered.set(target, known)
  const added: [string, EventListener][] = []
  for (const [type, handler] of Object.entries(handlers) as [string, (e: RequestEvent<unknown>, c: Context) => unknown][]) {
    const before = known.get(type)
    if (before?.handler === handler && before.context === context) continue
    if (before) throw new Error(`${type} has a handler already`)
    const listener = (e: Event) => {
      const event = e as RequestEvent<unknown>
      if (event.answered) return
      let reply: Promise<unknown>
      try {
        reply = Promise.resolve(handler(event, context))
      } catch (err) {
        reply = Promise.reject(err)
      }
      // An element that does not wait for the answer has nothing to show of a failure.
      reply.catch(() => {})
      event.respondWith(reply)
    }
    known.set(type, { handler, context })
    target.addEventListener(type, listener)
    added.push([type, listener])
  }
  return () => {
    for (const [type, listener] of added) {
      target.removeEventListener(type, listener)
      known.delete(type)
    }
  }
}

/** Tells screen readers what happened. */
export function announce(context: Context, text: string): void {
  context.store.update((s) => ({ ...s, announcement: { text, n: nextN() } }))
}

/** The open debate's slug; a request about the debate needs one. */
export function openDebate(context: Context): string {
  const slug = context.store.state.debate?.slug
  if (!slug) throw new Error('No debate is open')
  return slug
}
