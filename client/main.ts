/**
 * The client's entry: builds the store, the API client and the live reader with its
 * connection, applies the reader's language, and defines the root element, handing it the
 * context its handlers work with. Nothing else in the client reaches for a global.
 */
import './components/mg-app/mg-app.ts'
import { MgNavigateEvent } from './events/navigate.ts'
import type { Context } from './handlers/context.ts'
import { LiveReader } from './handlers/live.ts'
import { Api } from './services/api.ts'
import { randomId } from './services/ids.ts'
import { warmFormats } from './services/format.ts'
import { LiveConnection, liveUrl } from './services/live.ts'
import { startLocalization } from './services/locale.ts'
import { initialLive } from './state/live.ts'
import { initialState, Store } from './state/store.ts'

async function main(): Promise<void> {
  // One id per tab: the live socket uses it to recognise this tab's own writes.
  const clientId = randomId()
  const store = new Store({ ...initialState(), live: initialLive(clientId) })
  const app = document.createElement('mg-app')
  const context: Context = {
    store,
    api: new Api({ clientId }),
    live: null,
    navigate: (path) => app.dispatchEvent(new MgNavigateEvent(path)),
  }
  const reader = new LiveReader(context)
  context.live = reader
  const connection = new LiveConnection(reader, reader.following, { url: liveUrl(location, clientId) })
  const localization = await startLocalization()
  app.context = context
  app.localization = localization
  document.querySelector('.mg-boot')?.remove()
  document.body.prepend(app)
  reader.start(connection)
  // A socket may have died while the laptop slept or the network changed: check at once.
  window.addEventListener('online', () => connection.reconnect())
  window.addEventListener('offline', () => connection.offline())
  document.addEventListener('visibilitychange', () => reader.setHidden(document.visibilityState === 'hidden'))
  // Test seam: lets browser tests cut the connection as a network failure would.
  Object.assign(window, { __mgLive: { drop: () => connection.drop() } })
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200))
  idle(() => warmFormats())
}

void main()
