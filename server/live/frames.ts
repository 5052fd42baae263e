/**
 * Reading client frames: JSON text, one of the protocol's messages, validated against its
 * schema with TypeBox's compiled validators. A bad frame yields a message that names what
 * was wrong, for the `error` reply.
 */
import { Compile } from 'typebox/compile'
import type { RawData } from 'ws'
import { CLIENT_MESSAGES, type ClientMessage } from '../schemas/live.ts'

type MessageType = keyof typeof CLIENT_MESSAGES

const validators = Object.fromEntries(
  Object.entries(CLIENT_MESSAGES).map(([type, schema]) => [type, Compile(schema)]),
) as { [T in MessageType]: ReturnType<typeof Compile<(typeof CLIENT_MESSAGES)[T]>> }

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
  if (typeof type !== 'string' || !Object.hasOwn(CLIENT_MESSAGES, type)) {
    return { ok: false, error: `Unknown message type ${JSON.stringify(type ?? null)}; expected one of ${TYPES.join(', ')}` }
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

/** E.g. `/since must be integer; unknown property "extra"`. */
function describe(errors: readonly ValidationError[]): string {
  const messages = errors.map((e) => {
    if (e.keyword === 'additionalProperties') {
      const names = (e.params.additionalProperties as string[] | undefined) ?? []
      return names.map((n) => `unknown property "${n}"`).join('; ') || 'unknown properties'
    }
    if (e.keyword === 'required') {
      const names = (e.params.requiredProperties as string[] | undefined) ?? []
      return names.map((n) => `/${n} is required`).join('; ')
    }
    // additionalProperties:false is also reported once per extra property as a false schema.
    if (e.keyword === 'boolean') return ''
    return `${e.instancePath || 'the frame'} ${e.message}`
  })
  return [...new Set(messages.filter(Boolean))].slice(0, 5).join('; ') || 'does not match the protocol'
}
