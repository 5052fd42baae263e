/**
 * Errors the domain raises on purpose. Each carries the HTTP status it maps to; the one
 * error handler turns it into `{ statusCode, error, message }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badRequest = (message: string) => new AppError(400, message)
export const unauthorized = (message = 'Sign in to do this') => new AppError(401, message)
export const forbidden = (message: string) => new AppError(403, message)
export const notFound = (message: string) => new AppError(404, message)
export const conflict = (message: string) => new AppError(409, message)
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) })
export const serviceUnavailable = (message: string, retryAfterSeconds: number) =>
  new AppError(503, message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) })
