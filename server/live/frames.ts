/**
 * Reading client frames: JSON text, one of the protocol's messages, validated against its
 * schema with TypeBox's compiled validators. A bad frame yields a message that names what
 * was wrong, for the `error` reply.
 *
 * The reply names the problem, never the offending value: a client's own bytes are not sent
 * back (a frame may hold 64 KiB of them, or a nesting no serialiser survives). Only a short
 * string, such as an unknown type or property name, is quoted.
 */
import { Compile } from 'typebox/compile'
import type { RawData } from 'ws'
import { CLIENT_MESSAGES, type ClientMessage } from '../schemas/live.ts'

type MessageType = keyof typeof CLIENT_MESSAGES

const validators = Object.fromEntries(Object.entries(CLIENT_MESSAGES).map(([type, schema]) => [type, Compile(schema)])) as {
  [T in MessageType]: ReturnType<typeof Compile<(typeof CLIENT_MESSAGES)[T]>>
}

const TYPES = Object.keys(CLIENT_MESSAGES) as MessageType[]

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; error: string }

export function parseFrame(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { ok: false, error: 'Frames must be JSON text, not binary' }
  let value: unknown
  try {
    value = JSON.parse(text(data))
  } catch {
    return { ok: false, error: 'The frame is not valid JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'A frame must be a JSON object with a "type"' }
  }
  const type = (value as { type?: unknown }).type
  if (typeof type !== 'string') {
    return { ok: false, error: `A frame's "type" must be a string, one of ${TYPES.join(', ')}` }
  }
  if (!Object.hasOwn(CLIENT_MESSAGES, type)) {
    return { ok: false, error: `Unknown message type${quoted(type, ' ')}; expected one of ${TYPES.join(', ')}` }
  }
  const validator = validators[type as MessageType]
  if (validator.Check(value)) return { ok: true, message: value as ClientMessage }
  return { ok: false, error: `Invalid ${type} message: ${describe(validator.Errors(value))}` }
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

interface ValidationError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message: string
}

/** E.g. `/since must be integer; unknown property "extra"`: as many problems as fit in a line. */
function describe(errors: readonly ValidationError[]): string {
  const messages = errors.map((e) => {
    if (e.keyword === 'additionalProperties') {
      const names = (e.params.additionalProperties as string[] | undefined) ?? []
      return names.map((n) => `unknown property${quoted(n, ' ')}`).join('; ') || 'unknown properties'
    }
    if (e.keyword === 'required') {
      const names = (e.params.requiredProperties as string[] | undefined) ?? []
      return names.map((n) => `/${n} is required`).join('; ')
    }
    // additionalProperties:false is also reported once per extra property as a false schema.
    if (e.keyword === 'boolean') return ''
    return `${e.instancePath.slice(0, MAX_QUOTED) || 'the frame'} ${e.message}`
  })
  let line = ''
  for (const message of new Set(messages.filter(Boolean))) {
    const next = line ? `${line}; ${message}` : message
    if (next.length > MAX_PROBLEMS_CHARS) break
    line = next
  }
  return line || 'does not match the protocol'
}

/** The problems named in one reply, so the reply stays one line however bad the frame. */
const MAX_PROBLEMS_CHARS = 200

const MAX_QUOTED = 32

/** A name the client sent, quoted after `prefix` when it is short; otherwise nothing. */
function quoted(name: string, prefix: string): string {
  return name.length <= MAX_QUOTED ? `${prefix}${JSON.stringify(name)}` : ''
}
