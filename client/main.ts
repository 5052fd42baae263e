/**
 * The client's entry: builds the store, the API client and the actions, applies the
 * reader's language, and defines the root element, handing it all three. Nothing else in
 * the client reaches for a global.
 */
import './components/mg-app/mg-app.ts'
import { Api } from './services/api.ts'
import { randomId } from './services/ids.ts'
import { warmFormats } from './services/format.ts'
import { startLocalization } from './services/locale.ts'
import { Actions } from './state/actions.ts'
import { Store } from './state/store.ts'

async function main(): Promise<void> {
  const store = new Store()
  // One id per tab: the live socket uses it to recognise this tab's own writes.
  const api = new Api({ clientId: randomId() })
  const actions = new Actions(store, api)
  const localization = await startLocalization()
  const app = document.createElement('mg-app')
  app.store = store
  app.actions = actions
  app.localization = localization
  document.querySelector('.mg-boot')?.remove()
  document.body.prepend(app)
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200))
  idle(() => warmFormats())
}

void main()
