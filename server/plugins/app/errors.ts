/**
 * The one error handler: it logs the whole error and replies with the public shape
 * `{ statusCode, error, message }`. A 4xx says what was wrong; a 5xx never shows its cause.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import { isDatabaseBusy } from '../../../db/client.ts'
import { AppError, serviceUnavailable } from '../../errors.ts'

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(sendError)

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No route ${request.method} ${shortened(request.url)}` })
    })
  },
  { name: 'errors' },
)

/**
 * Logs an error and replies with its public shape. The error handler uses it, and so do the
 * router's own refusals (`frameworkErrors`), which come before any route or hook.
 */
export function sendError(thrown: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // Another writer kept the database locked past busy_timeout: nothing was saved, and a retry will do.
  const busy = isDatabaseBusy(thrown)
  const err = busy ? serviceUnavailable('The server is busy; nothing was saved. Try again in a moment', 1) : thrown
  const statusCode = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
  if (statusCode >= 500) request.log.error({ err: thrown }, 'request failed')
  else request.log.info({ err: { message: err.message, code: (err as FastifyError).code } }, 'request refused')
  if (err instanceof AppError) reply.headers(err.headers)
  // The router's refusals come before the hook that marks API answers; no error is worth caching.
  reply.header('cache-control', 'no-store')
  return reply.code(statusCode).send({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: statusCode >= 500 && !busy ? 'Something went wrong on our side; nothing was saved' : publicMessage(err),
  })
}

// A URL is echoed at most this long: a 404 names the route asked for, not a megabyte of it.
const ECHOED_URL_CHARS = 120

function shortened(url: string): string {
  return url.length > ECHOED_URL_CHARS ? `${url.slice(0, ECHOED_URL_CHARS)}…` : url
}

// Fastify's own messages for these quote the request (its URL, its Content-Type) back.
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: a percent-encoded part does not decode',
  FST_ERR_MAX_PARAM_LENGTH: 'A part of the URL is longer than any route accepts',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than 64 KiB',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'The request body must be JSON (Content-Type: application/json)',
}

function publicMessage(err: FastifyError | AppError): string {
  const e = err as FastifyError
  const framework = e.code === undefined ? undefined : FRAMEWORK_MESSAGES[e.code]
  if (framework !== undefined) return framework
  if (e.validation && e.validation.length > 0) {
    // Name every offending field, e.g. "body/stance must be equal to one of the allowed values".
    return e.validation
      .map((v) => {
        const where = `${e.validationContext ?? 'body'}${v.instancePath || ''}`
        if (v.keyword === 'additionalProperties') {
          return `${where} has an unknown property "${String((v.params as { additionalProperty?: string }).additionalProperty)}"`
        }
        if (v.keyword === 'required') {
          return `${where}/${String((v.params as { missingProperty?: string }).missingProperty)} is required`
        }
        // Worded as the domain's own length rules are, so one rule reads the same wherever it is checked.
        if (v.keyword === 'maxLength') return `${where} must be at most ${String((v.params as { limit?: number }).limit)} characters`
        if (v.keyword === 'minLength') return `${where} must be at least ${String((v.params as { limit?: number }).limit)} characters`
        return `${where} ${v.message ?? 'is invalid'}`
      })
      .filter((m, i, all) => all.indexOf(m) === i)
      .join('; ')
  }
  return err.message
}
