/**
 * The sign-in and registration dialog as a chunk of its own: the page imports it when someone
 * first asks to sign in or register, so readers who only read never download it. Its requests
 * (`mg-authenticate`) are answered by the page's own handlers.
 */
import '../../components/mg-auth-dialog/mg-auth-dialog.ts'
import type { Handlers } from '../../handlers/context.ts'

export const handlers: Handlers = {}
