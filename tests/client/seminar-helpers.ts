/**
 * Helpers for the seminar's component tests: a fake server behind the page's API client,
 * and the seminar views' own handlers answering their requests as the page does.
 */
import { render, type TemplateResult } from 'lit'
import { afterEach } from 'vitest'
import { Api } from '../../client/services/api.ts'
import type { AppState } from '../../client/state/store.ts'
import { seminarHandlers } from '../../client/views/seminar/handlers.ts'
import { answer, testContext } from './handlers.ts'

export interface Recorded {
  method: string
  path: string
  body: unknown
}

export type Route = (
  method: string,
  path: string,
  body: unknown,
) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined

/** An API client whose fetch answers from `route`, recording each request. */
export function fakeServer(route: Route) {
  const requests: Recorded[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    const path = String(input)
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    requests.push({ method, path, body })
    const answer = route(method, path, body) ?? { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not found' } }
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    })
  }
  return { api: new Api({ clientId: 'tab', fetch: fetch as typeof globalThis.fetch }), requests }
}

/** Answers the seminar views' requests below `host` with their own handlers, as the page does. */
export function answerCalls(host: EventTarget, state: AppState, api: Api) {
  const context = testContext(api, state)
  answer(host, seminarHandlers, context)
  return context
}

const hosts = new Set<HTMLElement>()
afterEach(() => {
  for (const h of hosts) h.remove()
  hosts.clear()
})

/** Renders `template` inside `host` and returns its first element. */
export function renderInto<T extends Element>(host: HTMLElement, template: TemplateResult): T {
  const box = document.createElement('div')
  host.append(box)
  render(template, box)
  return box.firstElementChild as T
}

/** A fresh element of the document, removed after the test. */
export function testHost(): HTMLElement {
  const host = document.createElement('div')
  document.body.append(host)
  hosts.add(host)
  return host
}
