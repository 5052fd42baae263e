/**
 * Security headers, with a Content-Security-Policy that allows no inline script and no eval:
 * the client is one bundled module, and Lit applies its styles as constructed stylesheets.
 */
import helmet from '@fastify/helmet'

export { helmet }
export const helmetOptions = {
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
  // Keep pages usable when opened over plain http on a local network.
  strictTransportSecurity: false,
}
