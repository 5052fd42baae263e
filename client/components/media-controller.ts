/**
 * Whether a media query matches, for elements that arrange themselves differently on a phone
 * than a stylesheet could (another order of their parts, a menu instead of a row): the host
 * renders again whenever the answer changes, as when a phone is turned.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** A phone's width, as the page's own styles draw the line. */
export const PHONE = '(max-width: 30rem)'

export class MediaController implements ReactiveController {
  private readonly list: MediaQueryList | null

  constructor(
    private readonly host: ReactiveControllerHost,
    query: string,
  ) {
    this.list = typeof matchMedia === 'function' ? matchMedia(query) : null
    host.addController(this)
  }

  /** The query matches now. */
  get matches(): boolean {
    return this.list?.matches ?? false
  }

  hostConnected(): void {
    this.list?.addEventListener('change', this.changed)
  }

  hostDisconnected(): void {
    this.list?.removeEventListener('change', this.changed)
  }

  private changed = () => this.host.requestUpdate()
}
