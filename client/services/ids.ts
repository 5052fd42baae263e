/**
 * Random ids for the tab (`X-Client-Id`) and for drafts (`clientKey`). Uses
 * `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, also exists on plain-http
 * pages opened over a local network.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A random id of `length` characters from `[A-Za-z0-9_-]` (the server's X-Client-Id alphabet). */
export function randomId(length = 22): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let id = ''
  for (const b of bytes) id += ALPHABET[b & 63]
  return id
}
