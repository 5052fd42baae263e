/**
 * Builds the client (client/ → client/dist) for the Fastify server to serve. Everything is
 * emitted as files (no inline script or style), as the page's CSP requires, and the build
 * reports the gzipped size of its JavaScript against the 60 KB budget.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

const JS_BUDGET_BYTES = 60 * 1024

function reportBundleSize(): Plugin {
  let outDir = ''
  return {
    name: 'mg-report-bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const dir = join(outDir, 'assets')
      const files = readdirSync(dir).filter((f) => f.endsWith('.js'))
      const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0)
      const kb = (total / 1024).toFixed(1)
      const verdict = total <= JS_BUDGET_BYTES ? 'within' : 'OVER'
      console.log(`client JavaScript: ${kb} KB gzipped in ${files.length} files (${verdict} the 60 KB budget)`)
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
