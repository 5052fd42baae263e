/**
 * A reactive controller that keeps a host element subscribed to the store while it is
 * connected, and re-renders it when the part of the state it selects changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppState, Store } from './store.ts'

export class StoreController<T> implements ReactiveController {
  value: T
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: Store,
    private readonly select: (state: AppState) => T,
  ) {
    this.value = select(store.state)
    host.addController(this)
  }

  hostConnected(): void {
    this.value = this.select(this.store.state)
    this.unsubscribe = this.store.subscribe((state) => {
      const next = this.select(state)
      if (next === this.value) return
      this.value = next
      this.host.requestUpdate()
    })
  }

  hostDisconnected(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
  }
}
