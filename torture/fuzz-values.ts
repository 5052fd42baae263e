/**
 * fast-check arbitraries read off the JSON schemas of the OpenAPI document: values a schema
 * accepts, values at its edges, and values it must refuse (wrong types, huge and odd Unicode
 * strings, out-of-range numbers). The HTTP fuzz builds its parameters and bodies from them.
 */
import fc, { type Arbitrary } from 'fast-check'

/** The part of JSON Schema the API's request schemas use. */
export interface JsonSchema {
  type?: string
  enum?: unknown[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  items?: JsonSchema
  minProperties?: number
}

/** Strings a schema should never be surprised by: controls, bidi overrides, astral planes, lone surrogates. */
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\n',
  '\t\u000b\u000c',
  '\u202e\u2066rtl',
  '\u200b\u200d\ufeff',
  '😀👩‍👩‍👧‍👦',
  '\ud800',
  '\udfff\ud800',
  'ｆｕｌｌ',
  'Z̴̡̪͍̈́a̸̢̛l̷̡g̵o̶',
  '../../etc/passwd',
  '%00%ZZ',
  '<script>alert(1)</script>',
  "'; DROP TABLE comments; --",
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-0',
  '1e309',
]

/** Any string: printable, full Unicode (graphemes or raw code units), or one of the odd ones. */
export const anyString = (maxLength = 40): Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom(...ODD_STRINGS),
  )

/** A string far beyond any field's limit, yet under the body limit: 20,000 to 60,000 code units. */
export const hugeString: Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '😀', ' ', '\u0000', 'ab-'), fc.integer({ min: 20_000, max: 30_000 }))
  .map(([unit, n]) => unit.repeat(n).slice(0, 60_000))

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, '', '1', 'true', [], [1], {}, { a: 1 }]

/** A value of a type the schema does not expect (or, for strings, one it refuses). */
export function invalidValue(schema: JsonSchema): Arbitrary<unknown> {
  const options: Arbitrary<unknown>[] = [fc.constantFrom(...WRONG_TYPES), hugeString, anyString()]
  const type = typeOf(schema)
  if (type === 'string') {
    if (schema.maxLength !== undefined)
      options.push(fc.constant('x'.repeat(schema.maxLength + 1)), fc.constant('é'.repeat(schema.maxLength + 1)))
    if (schema.minLength !== undefined && schema.minLength > 0) options.push(fc.constant('y'.repeat(schema.minLength - 1)))
    if (schema.pattern) options.push(anyString(20).filter((s) => !new RegExp(schema.pattern!, 'u').test(s)))
  }
  if (type === 'integer' || type === 'number') {
    if (schema.minimum !== undefined) options.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 0.5))
    if (schema.maximum !== undefined) options.push(fc.constantFrom(schema.maximum + 1, schema.maximum + 0.5))
    options.push(fc.double({ noNaN: true }), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0.1))
  }
  return fc.oneof(...options)
}

/** Values the schema accepts, often at the edges of its ranges. */
export function validValue(schema: JsonSchema): Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(validValue))
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema)
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -(2 ** 31)
      const max = schema.maximum ?? 2 ** 31
      const edges = fc.constantFrom(min, max, Math.min(max, Math.max(min, 0)), Math.min(max, min + 1))
      return fc.oneof(fc.integer({ min, max }), edges)
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(schema.items ? validValue(schema.items) : fc.jsonValue(), { maxLength: 5 })
    case 'object':
      return validObject(schema)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function validString(schema: JsonSchema): Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 200
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString())
  }
  const fit = (s: string) => s.slice(0, max)
  if (schema.pattern) {
    const regex = new RegExp(schema.pattern, 'u')
    return fc
      .stringMatching(regex)
      .map(fit)
      .filter((s) => s.length >= min && regex.test(s))
  }
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 60) }), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', minLength: Math.max(min, 1), maxLength: Math.min(max, 60) }), weight: 1 },
    // Exactly at the limits, in one- and two-code-unit characters.
    { arbitrary: fc.constantFrom('m'.repeat(max), 'ß'.repeat(max), 'n'.repeat(Math.max(min, 1))), weight: 1 },
  )
}

function validObject(schema: JsonSchema): Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s)]))
  const record = fc.record(model, { requiredKeys: schema.required ?? [] })
  return schema.minProperties ? record.filter((o) => Object.keys(o).length >= schema.minProperties!) : record
}

function typeOf(schema: JsonSchema): string | undefined {
  if (schema.type) return schema.type
  if (schema.anyOf?.every((s) => s.type === schema.anyOf![0]!.type)) return schema.anyOf[0]!.type
  return undefined
}

/**
 * A body of the schema's shape, one way or another wrong or at an edge: a field at its limit
 * or of the wrong kind, a required field missing, an unknown one added.
 */
export function mutatedObject(schema: JsonSchema): Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {})
  const base = validObject(schema)
  const variants: Arbitrary<Record<string, unknown>>[] = [
    base
      .chain((o) =>
        fc.tuple(
          fc.constant(o),
          fc.constantFrom('extra', '__proto__', 'constructor', 'isAdmin', 'id', 'userId', 'authorId', 'status', 'hidden', 'x'.repeat(300)),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      )
      // A computed key is an own property, so `__proto__` reaches the JSON text.
      .map(([o, k, v]) => ({ ...o, [k]: v })),
  ]
  if (properties.length > 0) {
    variants.push(
      fc
        .constantFrom(...properties)
        .chain(([k, s]) => fc.tuple(base, fc.constant(k), invalidValue(s)))
        .map(([o, k, v]) => ({ ...o, [k]: v })),
    )
  }
  const required = schema.required ?? []
  if (required.length > 0) {
    variants.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
        const { [k]: _dropped, ...rest } = o
        return rest
      }),
    )
  }
  return fc.oneof(...variants)
}

/** JSON text no parser should accept, or accept only to find an odd shape. */
export const malformedJson: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '{"body":',
    "{'body':'x'}",
    '{"body":"x",}',
    '{"a":1}{"b":2}',
    '[1,2',
    'undefined',
    'NaN',
    '\u0000',
    '\ufeff{}',
    '{"body":"\\ud800"}',
    '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '',
  ),
  fc.json().map((j) => j.slice(0, Math.max(1, j.length - 1))),
  anyString(80),
)

/** JSON values that are not objects at all. */
export const notAnObject: Arbitrary<unknown> = fc.oneof(fc.constantFrom(null, 0, 'x', true, [], [{}]), fc.jsonValue({ maxDepth: 2 }))
