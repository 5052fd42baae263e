/**
 * One share of the fan-out benchmark's readers (the loop is bench/clients/readers.ts): frames
 * are counted by the id of the comment they announce, so the runner learns, per comment, how
 * many sockets received it and when the last one did.
 */
import { serveReaders } from './readers.ts'

// Thousands of frames a second arrive on this process's sockets; finding the comment id in
// the raw bytes, instead of parsing every frame whole, keeps the readers from becoming the
// bottleneck that is measured. Both servers write the comment's `id` as its first key.
const CREATED = Buffer.from('"type":"comment.created"')
const COMMENT_ID = Buffer.from('"comment":{"id":')

function commentIdOf(frame: Buffer): number | undefined {
  if (frame.indexOf(CREATED) < 0) return undefined
  const at = frame.indexOf(COMMENT_ID)
  if (at < 0) return undefined
  let id = 0
  let i = at + COMMENT_ID.length
  for (; i < frame.length && frame[i]! >= 0x30 && frame[i]! <= 0x39; i++) id = id * 10 + frame[i]! - 0x30
  return i > at + COMMENT_ID.length ? id : undefined
}

serveReaders(commentIdOf)
