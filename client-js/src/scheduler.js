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

/**
 * Merges options over defaults, skipping undefined values, so `{iceTimeoutMs: undefined}` passed
 * through by a caller keeps the default instead of erasing it.
 * @template {object} D
 * @template {object} O
 * @param {D} defaults
 * @param {O} options
 * @returns {D & O}
 */
export function withDefaults(defaults, options) {
  const out = { .../** @type {any} */ (defaults) };
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined) out[key] = value;
  return out;
}
