/**
 * The client's entry: builds the store, the API client and the actions, applies the
 * reader's language, and defines the root element, handing it all three. Nothing else in
 * the client reaches for a global.
 */
import './components/mg-app/mg-app.ts'
import { Api } from './services/api.ts'
import { randomId } from './services/ids.ts'
import { warmFormats } from './services/format.ts'
import { LiveConnection, liveUrl } from './services/live.ts'
import { startLocalization } from './services/locale.ts'
import { Actions } from './state/actions.ts'
import { initialLive } from './state/live.ts'
import { initialState, Store } from './state/store.ts'

async function main(): Promise<void> {
  // One id per tab: the live socket uses it to recognise this tab's own writes.
  const clientId = randomId()
  const store = new Store({ ...initialState(), live: initialLive(clientId) })
  const api = new Api({ clientId })
  const actions = new Actions(store, api)
  const live = new LiveConnection(store, actions, { url: liveUrl(location, clientId) })
  const localization = await startLocalization()
  const app = document.createElement('mg-app')
  app.store = store
  app.actions = actions
  app.localization = localization
  app.live = live
  document.querySelector('.mg-boot')?.remove()
  document.body.prepend(app)
  live.start()
  // A socket may have died while the laptop slept or the network changed: check at once.
  window.addEventListener('online', () => live.check())
  document.addEventListener('visibilitychange', () => live.setHidden(document.visibilityState === 'hidden'))
  // Test seam: lets browser tests cut the connection as a network failure would.
  Object.assign(window, { __mgLive: { drop: () => live.drop() } })
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200))
  idle(() => warmFormats())
}

void main()
