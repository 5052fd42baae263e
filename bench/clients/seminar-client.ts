/**
 * One share of the seminar benchmark's participants (the loop is bench/clients/readers.ts).
 * Every REST call the runner makes carries an `X-Client-Id` of its own, and the event it
 * causes comes back with that id: frames are counted by `<clientId> <type>`, so the runner
 * learns, per leader action, comment and vote, how many participants received its event and
 * when the last one did. Frames of other types (presence, skips) are not counted.
 */
import { serveReaders } from './readers.ts'

/** The events the benchmark's calls cause. */
const COUNTED = ['spotlight.changed', 'poll.opened', 'poll.count', 'poll.closed', 'comment.created'] as const
export type CountedType = (typeof COUNTED)[number]

const COUNTED_TYPES = new Set<string>(COUNTED)
const TYPE = Buffer.from('"type":"')
const CLIENT_ID = Buffer.from('"clientId":"')
const QUOTE = 0x22

// Hundreds of frames a second reach each socket; searching the raw bytes, instead of parsing
// every frame whole, keeps the participants from becoming the bottleneck that is measured.
// The envelope's `type` and `clientId` follow the event's payload in the app's frames (and
// nothing in these payloads has a field of either name), so the last occurrence is theirs.
function keyOf(frame: Buffer): string | undefined {
  const idAt = frame.lastIndexOf(CLIENT_ID)
  if (idAt < 0) return undefined
  const typeAt = frame.lastIndexOf(TYPE)
  if (typeAt < 0) return undefined
  const idStart = idAt + CLIENT_ID.length
  const typeStart = typeAt + TYPE.length
  const clientId = frame.toString('latin1', idStart, frame.indexOf(QUOTE, idStart))
  const type = frame.toString('latin1', typeStart, frame.indexOf(QUOTE, typeStart))
  return COUNTED_TYPES.has(type) ? `${clientId} ${type}` : undefined
}

serveReaders(keyOf)
