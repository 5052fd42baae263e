/**
 * Security headers, with a Content-Security-Policy that allows no inline script and no eval:
 * the client is one bundled module, and Lit applies its styles as constructed stylesheets.
 *
 * The headers are helmet's, computed once at start-up: @fastify/helmet builds helmet's
 * middleware again on every request, which showed in the read path's profile. No route
 * uses per-route helmet options or CSP nonces, so the same headers serve every response.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import buildHelmet, { type HelmetOptions } from 'helmet'
import type { Config } from '../../config.ts'

/** Helmet's options for this deployment: HSTS only when the site is served over https. */
export function helmetOptions(config: Pick<Config, 'publicUrl'>): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // The same rule as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
    // Over plain http (a local network) a browser must not be told to insist on https.
    strictTransportSecurity: config.publicUrl.protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  }
}

/** The headers helmet sets with these options, captured by running its middleware once. */
function headersOf(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = []
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => {},
  }
  buildHelmet(options)({} as never, response as never, (err?: unknown) => {
    if (err) throw err
  })
  return headers
}

export const helmet = fp(
  async (app: FastifyInstance, options: HelmetOptions) => {
    const headers = headersOf(options)
    app.addHook('onRequest', (request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value)
      // API answers hold private debates, join codes and who is signed in: never stored by a
      // browser or a proxy. The client's hashed assets keep their long caching.
      if (request.url.startsWith('/api/')) reply.raw.setHeader('cache-control', 'no-store')
      // Fastify never sends X-Powered-By; helmet's removal of it has nothing to do here.
      done()
    })
  },
  { name: 'security-headers' },
)
