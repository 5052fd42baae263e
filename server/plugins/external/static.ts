/**
 * The built client (Vite's output in client/dist): hashed assets with long caching, and the
 * page itself for every client route.
 */
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

const CLIENT_ROUTES = ['/', '/d/:debate', '/d/:debate/projector', '/d/:debate/record', '/join/:code']

export async function registerClient(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'client bundle not found: run `npm run build:client`')
    return
  }
  const page = await readFile(join(root, 'index.html'))
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Vite names every asset by its content hash, so a file never changes under its name.
    maxAge: '365d',
    immutable: true,
  })
  for (const url of CLIENT_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
    )
  }
}
