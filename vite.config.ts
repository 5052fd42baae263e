/**
 * Builds the client (client/ → client/dist) for the Fastify server to serve. Everything is
 * emitted as files (no inline script or style), as the page's CSP requires, and the build
 * reports the gzipped size of the JavaScript readers download against its budget.
 */
import { join, resolve } from 'node:path'
import ts from 'typescript'
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
          `seminar leaders' views: ${size.leaderKb} KB more (${verdict(size.leaderKb, LEADER_BUDGET_KB)} the ${LEADER_BUDGET_KB} KB budget); ` +
          `record view: ${size.recordKb} KB more; sign-in dialog: ${size.authKb} KB more; flag dialog: ${size.flagKb} KB more; groups: ${size.groupsKb} KB more`,
      )
    },
  }
}

/**
 * Squeezes the layout whitespace out of Lit's `html` and `css` templates, as
 * minify-html-literals does, since the minifier leaves template text alone. In `html` a run
 * of whitespace that spans lines becomes one space, which renders the same except inside
 * <pre>, <textarea> or `white-space: pre*` text, where templates write no line breaks of their
 * own. In `css` comments go, whitespace runs become one space, and none is kept around braces,
 * semicolons, commas, child combinators or after colons (no style writes these inside a
 * quoted string). A template passed to `msg()` is left as written: lit-localize finds its
 * translation by a hash of its text.
 */
function minifyTemplates(): Plugin {
  const squeeze = {
    html: (raw: string) => raw.replace(/\s*\n\s*/g, ' '),
    css: (raw: string) =>
      raw
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,>]) ?/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}'),
  }
  return {
    name: 'mg-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/client\/(?!locales\/)[\w/.-]+\.ts$/.test(id) || !/\b(?:html|css)`/.test(code)) return null
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true)
      const edits: { start: number; end: number; text: string }[] = []
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const inMsg = ts.isCallExpression(node.parent) && ts.isIdentifier(node.parent.expression) && node.parent.expression.text === 'msg'
          const template = node.template
          const parts = ts.isNoSubstitutionTemplateLiteral(template)
            ? [template]
            : [template.head, ...template.templateSpans.map((s) => s.literal)]
          for (const part of inMsg ? [] : parts) {
            // The text between the delimiters: ` or } before it, ` or ${ after it.
            const start = part.getStart(source) + 1
            const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1)
            const text = squeeze[node.tag.text](code.slice(start, end))
            if (text !== code.slice(start, end)) edits.push({ start, end, text })
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
      if (edits.length === 0) return null
      let out = code
      for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end)
      return { code: out, map: null }
    },
  }
}

export default defineConfig({
  root: 'client',
  base: '/',
  publicDir: false,
  plugins: [minifyTemplates(), reportBundleSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Assets stay files: the CSP allows `data:` images only, and fonts or styles never inline.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A lazy view's messages (locales/<view>/<locale>.ts) are named after the view, not
        // only after their language, so the budget and the network panel tell them apart.
        chunkFileNames: (chunk) => {
          const view = chunk.facadeModuleId?.match(/\/locales\/([\w-]+)\/([\w-]+)\.ts$/)
          return view ? `assets/${view[1]}-messages-${view[2]}-[hash].js` : 'assets/[name]-[hash].js'
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
})
