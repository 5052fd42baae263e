/**
 * Builds the client (client/ → client/dist) for the Fastify server to serve. Everything is
 * emitted as files (no inline script or style), as the page's CSP requires, and the build
 * reports the gzipped size of the JavaScript readers download against its budget.
 */
import { join, resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import { bundleSize, LEADER_BUDGET_KB, READER_BUDGET_KB, SEMINAR_BUDGET_KB } from './client/bundle-budget.ts'

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
      const verdict = (kb: number, budget: number) => (kb <= budget ? 'within' : 'OVER')
      console.log(
        `client JavaScript for readers: ${size.readerKb} KB gzipped (${verdict(size.readerKb, READER_BUDGET_KB)} the ${READER_BUDGET_KB} KB budget); ` +
          `moderator views: ${size.moderatorKb} KB more; seminar views: ${size.seminarKb} KB more ` +
          `(reader + seminar ${Math.round((size.readerKb + size.seminarKb) * 10) / 10} KB, ${verdict(size.readerKb + size.seminarKb, SEMINAR_BUDGET_KB)} the ${SEMINAR_BUDGET_KB} KB budget); ` +
          `seminar leaders' views: ${size.leaderKb} KB more (${verdict(size.leaderKb, LEADER_BUDGET_KB)} the ${LEADER_BUDGET_KB} KB budget)`,
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
