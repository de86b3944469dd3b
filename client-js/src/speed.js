/**
 * Transfer rates over a sliding window, and the ETA that follows. Pure: time is passed in.
 * @module speed
 */

export class RateMeter {
  /** @param {{windowMs?: number, now?: () => number}} [options] */
  constructor(options = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this._now = options.now ?? (() => Date.now());
    /** @type {Array<[number, number]>} [time, bytes] samples inside the window */
    this._samples = [];
    this.total = 0;
    this._start = this._now();
  }

  /** @param {number} bytes */
  add(bytes) {
    const t = this._now();
    this.total += bytes;
    const last = this._samples[this._samples.length - 1];
    if (last && last[0] === t) last[1] += bytes;
    else this._samples.push([t, bytes]);
    this._trim(t);
  }

  /** Bytes per second over the window (or since start, when younger than the window). */
  rate() {
    const t = this._now();
    this._trim(t);
    const span = Math.min(this.windowMs, Math.max(1, t - this._start));
    const bytes = this._samples.reduce((sum, [, b]) => sum + b, 0);
    return (bytes * 1000) / span;
  }

  /** @param {number} t */
  _trim(t) {
    while (this._samples.length && this._samples[0][0] <= t - this.windowMs) this._samples.shift();
  }
}

/**
 * Seconds until `remaining` bytes arrive at `rate` bytes/s; null when unknown (no progress).
 * @param {number} remaining @param {number} rate
 * @returns {number|null}
 */
export function etaSeconds(remaining, rate) {
  if (remaining <= 0) return 0;
  if (!(rate > 0)) return null;
  return Math.ceil(remaining / rate);
}

/**
 * Human-readable sizes and rates for the pages: 1536 -> "1.5 KiB".
 * @param {number} bytes
 */
export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** @param {number|null} seconds */
export function formatDuration(seconds) {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
