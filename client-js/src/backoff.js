/**
 * Reconnect delays: exponential backoff with "equal jitter" (half fixed, half random), so a
 * server restart does not see every client return in the same millisecond, yet no delay is 0.
 * @module backoff
 */

/**
 * @typedef {object} BackoffOptions
 * @property {number} [baseMs=500] delay cap of the first attempt
 * @property {number} [maxMs=30000] largest delay cap
 * @property {() => number} [random=Math.random] in [0, 1); injected by tests
 */

/**
 * The delay before reconnect attempt number `attempt` (0 = first retry).
 * @param {number} attempt
 * @param {BackoffOptions} [options]
 * @returns {number} milliseconds, in [cap/2, cap) with cap = min(maxMs, baseMs * 2^attempt)
 */
export function backoffDelay(attempt, options = {}) {
  const { baseMs = 500, maxMs = 30_000, random = Math.random } = options;
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be a non-negative integer: ${attempt}`);
  // 2^attempt overflows to Infinity for large attempts; min() keeps it bounded.
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 52));
  return Math.floor(cap / 2 + random() * (cap / 2));
}
