/**
 * Whether this device's reader follows the leader's spotlight, kept in localStorage so that
 * the choice outlasts the page.
 */
const FOLLOW_KEY = 'mg:seminar:follow'

/** Whether the reader follows the leader, as they last chose (on by default). */
export function loadFollowLeader(): boolean {
  try {
    return globalThis.localStorage?.getItem(FOLLOW_KEY) !== 'off'
  } catch {
    return true
  }
}

export function saveFollowLeader(follow: boolean): void {
  try {
    globalThis.localStorage?.setItem(FOLLOW_KEY, follow ? 'on' : 'off')
  } catch {
    // Private browsing may refuse storage: the choice then lasts as long as the page.
  }
}
