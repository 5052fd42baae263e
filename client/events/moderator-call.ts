/**
 * The base of the events by which the moderators' views (members, watched words) ask for
 * work: each knows its own REST call, so that code loads with those views, and the page
 * readers download only answers them (MODERATOR_CALLS in mg-app) by calling `send` with
 * its API client and the open debate.
 */
import type { Api } from '../services/api.ts'
import { RespondableEvent } from './respondable.ts'

export abstract class ModeratorCallEvent<T> extends RespondableEvent<T> {
  /** Makes the call in the open debate. */
  abstract send(api: Api, debate: string): Promise<T>
}

