/**
 * A reactive controller that keeps a member list loaded: whenever the list its host renders
 * is missing or stale, it fires the host's load request once for that state of the list.
 * The handler writes the answer into the store, which hands the host the fresh list.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { request, type RequestEvent } from '../../events/request.ts'
import { errorMessage } from '../../services/errors.ts'
import type { Member } from '../../services/types.ts'
import type { MemberList } from '../../state/members.ts'

export interface ListLoaderOptions<T extends Member> {
  /** The list as the host renders it now. */
  list: () => MemberList<T>
  /** A new request for the list. */
  load: () => RequestEvent<unknown>
  /** Shows why the list could not be loaded. */
  failed: (message: string) => void
}

export class ListLoader<T extends Member> implements ReactiveController {
  /** The list the last load was asked for, so that each staleness asks once. */
  private asked: MemberList<T> | null = null

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: ListLoaderOptions<T>,
  ) {
    host.addController(this)
  }

  hostUpdated(): void {
    const current = this.options.list()
    if ((current.list === null || current.stale) && current !== this.asked) {
      this.asked = current
      void this.load()
    }
  }

  private async load() {
    try {
      await request(this.host, this.options.load())
    } catch (err) {
      this.options.failed(errorMessage(err))
    }
  }
}
