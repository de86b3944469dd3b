/**
 * Time as a dependency: production code uses the real clock and timers, tests inject a fake
 * scheduler and advance it, so no test sleeps.
 * @typedef {object} Scheduler
 * @property {() => number} now milliseconds (Unix epoch in production)
 * @property {(fn: () => void, ms: number) => unknown} setTimeout
 * @property {(handle: unknown) => void} clearTimeout
 */

/** @type {Scheduler} */
export const realScheduler = Object.freeze({
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(/** @type {any} */ (handle)),
});
