/**
 * The flag dialog as a chunk of its own: a comment imports it when a reader first asks to flag
 * something, so readers who never flag never download it. Its request (`mg-flag`) is answered
 * by the page's own handlers.
 */
import '../../components/mg-flag-dialog/mg-flag-dialog.ts'
