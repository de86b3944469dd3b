/**
 * TEST HOOKS, for the e2e tests only, set on the page as `window.swarmrtcTest = {...}`:
 * - `corruptUploads: true` makes this page's engine flip one byte in every block it uploads, so
 *   tests can prove that a peer serving bad data is detected (SHA-256), banned, and that downloads
 *   still finish from honest peers;
 * - `uploadEachPieceOnce: true` makes it serve each piece to one peer only, dealt out over the
 *   peers by piece index, and REJECT every other request for it, so a sharer hands out exactly one
 *   copy of the content and the downloaders must complete it among themselves.
 * Honoured only when a test sets exactly `true`; nothing in the library or the pages sets them.
 * @module swarm-engine/test-hooks
 */

/** @returns {boolean} */
export function corruptUploads() {
  return /** @type {any} */ (globalThis).swarmrtcTest?.corruptUploads === true;
}

/** @returns {boolean} */
export function uploadEachPieceOnce() {
  return /** @type {any} */ (globalThis).swarmrtcTest?.uploadEachPieceOnce === true;
}
