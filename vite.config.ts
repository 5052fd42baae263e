/**
 * Builds the client (client/ → client/dist) for the Fastify server to serve. Everything is
 * emitted as files (no inline script or style), as the page's CSP requires, and the build
 * reports the gzipped size of the JavaScript readers download against its budget.
 */
import { join, resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import { bundleSize, READER_BUDGET_KB } from './client/bundle-budget.ts'

function reportBundleSize(): Plugin {
  let outDir = ''
  return {
    name: 'mg-report-bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const size = bundleSize(join(outDir, 'assets'))
      const verdict = size.readerKb <= READER_BUDGET_KB ? 'within' : 'OVER'
      console.log(
        `client JavaScript for readers: ${size.readerKb} KB gzipped (${verdict} the ${READER_BUDGET_KB} KB budget); ` +
          `moderator views: ${size.moderatorKb} KB more`,
      )
    },
  }
}

export default defineConfig({
  root: 'client',
  base: '/',
  publicDir: false,
  plugins: [reportBundleSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Assets stay files: the CSP allows `data:` images only, and fonts or styles never inline.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
})
