/**
 * The code each seminar was joined with on this device, kept in localStorage: a guest who
 * signs out cannot sign in again, and is led back to the seminar's join page with it.
 */
const PREFIX = 'mg:joined:'

export function rememberJoinCode(debate: string, code: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + debate, code)
  } catch {
    // Without storage a guest who signs out is sent to the start page, where codes are entered.
  }
}

export function joinCodeOf(debate: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + debate) ?? null
  } catch {
    return null
  }
}
