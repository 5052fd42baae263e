/**
 * The one error handler: it logs the whole error and replies with the public shape
 * `{ statusCode, error, message }`. A 4xx says what was wrong; a 5xx never shows its cause.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import { AppError } from '../../errors.ts'

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
      const statusCode = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
      if (statusCode >= 500) request.log.error({ err }, 'request failed')
      else request.log.info({ err: { message: err.message, code: (err as FastifyError).code } }, 'request refused')
      if (err instanceof AppError) reply.headers(err.headers)
      return reply.code(statusCode).send({
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        message: statusCode >= 500 ? 'Something went wrong on our side; nothing was saved' : publicMessage(err),
      })
    })

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No route ${request.method} ${request.url}` })
    })
  },
  { name: 'errors' },
)

function publicMessage(err: FastifyError | AppError): string {
  const e = err as FastifyError
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is larger than 64 KiB'
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
        return `${where} ${v.message ?? 'is invalid'}`
      })
      .filter((m, i, all) => all.indexOf(m) === i)
      .join('; ')
  }
  return err.message
}
