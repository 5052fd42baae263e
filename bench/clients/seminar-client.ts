/**
 * One share of the seminar benchmark's participants (the loop is bench/clients/readers.ts).
 * Every REST call the runner makes carries an `X-Client-Id` of its own, and the event it
 * causes comes back with that id: frames are counted by `<seq> <clientId> <type>`, so the
 * runner learns, per leader action, comment and vote, how many participants received its
 * event, when the last one did, and which seq it has. During group work a participant is sent
 * a `skip` with the same seq in place of another group's comment; skips are counted by
 * `<seq> skip`, so the runner can tell that every participant received every seq. Frames of
 * other types (presence, the subscription's reply) are not counted.
 */
import { serveReaders } from './readers.ts'

/** The events the benchmark's calls cause. */
const COUNTED = ['spotlight.changed', 'poll.opened', 'poll.count', 'poll.closed', 'comment.created'] as const
export type CountedType = (typeof COUNTED)[number]

const COUNTED_TYPES = new Set<string>(COUNTED)
const TYPE = Buffer.from('"type":"')
const CLIENT_ID = Buffer.from('"clientId":"')
const SEQ = Buffer.from('"seq":')
const QUOTE = 0x22

// Hundreds of frames a second reach each socket; searching the raw bytes, instead of parsing
// every frame whole, keeps the participants from becoming the bottleneck that is measured.
// The envelope's `type`, `seq` and `clientId` follow the event's payload in the app's frames,
// and nothing in these payloads has a field of any of those names, so the last occurrence is
// the envelope's (the baseline's frames have each once).
function keyOf(frame: Buffer): string | undefined {
  const typeAt = frame.lastIndexOf(TYPE)
  const seqAt = frame.lastIndexOf(SEQ)
  if (typeAt < 0 || seqAt < 0) return undefined
  const typeStart = typeAt + TYPE.length
  const type = frame.toString('latin1', typeStart, frame.indexOf(QUOTE, typeStart))
  const seq = parseInt(frame.toString('latin1', seqAt + SEQ.length, seqAt + SEQ.length + 16), 10)
  if (type === 'skip') return `${seq} skip`
  if (!COUNTED_TYPES.has(type)) return undefined
  const idAt = frame.lastIndexOf(CLIENT_ID)
  if (idAt < 0) return undefined
  const idStart = idAt + CLIENT_ID.length
  const clientId = frame.toString('latin1', idStart, frame.indexOf(QUOTE, idStart))
  return `${seq} ${clientId} ${type}`
}

serveReaders(keyOf)
