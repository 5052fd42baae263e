/** What to tell the reader when a request fails, in the interface language. */
import { msg, str } from '@lit/localize'
import { ApiError, NetworkError } from './api.ts'

export function errorMessage(err: unknown): string {
  if (err instanceof NetworkError) return msg('Could not reach the server. Check your connection and try again.')
  if (err instanceof ApiError) {
    if (err.status === 429) {
      return err.retryAfter
        ? msg(str`Too many requests. Try again in ${err.retryAfter} seconds.`)
        : msg('Too many requests. Try again in a moment.')
    }
    if (err.status >= 500) return msg('Something went wrong on the server; nothing was saved. Try again.')
    if (err.status === 401) return msg('Please sign in first.')
    return err.message
  }
  return msg('Something went wrong. Try again.')
}
