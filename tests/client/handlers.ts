/**
 * The page's handlers in component tests: a context on a store and an API client (usually a
 * fake server's), and handlers registered on a target that answer what the elements under it
 * fire, as the root element does, until the test ends.
 */
import { afterEach } from 'vitest'
import { register, type Context, type Handlers } from '../../client/handlers/context.ts'
import type { Api } from '../../client/services/api.ts'
import { debateLoaded, debateLoading } from '../../client/state/debate.ts'
import { initialState, Store, type AppState } from '../../client/state/store.ts'

export interface TestContext extends Context {
  /** The pages the handlers opened, in order. */
  destinations: string[]
}

export function testContext(api: Api, state: AppState = initialState()): TestContext {
  const destinations: string[] = []
  return { store: new Store(state), api, live: null, navigate: (path) => destinations.push(path), destinations }
}

/** A state with debate `slug` open (no blocks), for handlers that act on the open debate. */
export function withDebate(slug: string, state: AppState = initialState()): AppState {
  return debateLoaded(
    debateLoading(state, slug),
    { slug, title: slug, state: 'open', visibility: 'public', seq: 0 },
    { slug, title: slug, blocks: [] },
  )
}

const registrations: (() => void)[] = []
afterEach(() => {
  for (const unregister of registrations.splice(0)) unregister()
})

/** Answers the events below `target` with `handlers` for the rest of the test. */
export function answer(target: EventTarget, handlers: Handlers, context: Context): void {
  registrations.push(register(target, handlers, context))
}
