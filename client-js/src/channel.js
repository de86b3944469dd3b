/**
 * Data-channel wrapper with backpressure (docs/swarm-protocol.md: messages up to 256 KiB).
 *
 * `send()` is awaitable: it resolves once the message is handed to the channel. When the channel
 * holds more than `highWaterMark` bytes the next sends wait until the browser reports
 * `bufferedamountlow` (at `lowWaterMark`), so a fast producer never piles up megabytes in the
 * SCTP buffer (a channel with ~16 MiB buffered closes silently). Sends keep their order.
 *
 * Events: `open`; `message` (ArrayBuffer for binary, string for text); `error` SwarmRtcError (at
 * most once, before close); `close` (exactly once).
 * @module channel
 */
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';

/** Chromium's and the protocol's maximum message size. */
export const MAX_MESSAGE_BYTES = 262_144;
export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;
export const DEFAULT_LOW_WATER_MARK = 256 * 1024;

const utf8 = new TextEncoder();

/**
 * Size of a message on the wire.
 * @param {string|ArrayBuffer|ArrayBufferView|Blob} data
 * @returns {number}
 */
export function messageSize(data) {
  if (typeof data === 'string') return utf8.encode(data).byteLength;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  throw new TypeError('message must be a string, ArrayBuffer, typed array or Blob');
}

/**
 * @typedef {object} ChannelOptions
 * @property {number} [highWaterMark] pause senders above this many buffered bytes (default 1 MiB)
 * @property {number} [lowWaterMark] resume them when the buffer drains to this (default 256 KiB)
 */

/** @extends {Emitter<any>} */
export class Channel extends Emitter {
  /**
   * @param {RTCDataChannel} dc
   * @param {ChannelOptions} [options]
   */
  constructor(dc, options = {}) {
    super();
    const { highWaterMark = DEFAULT_HIGH_WATER_MARK, lowWaterMark = DEFAULT_LOW_WATER_MARK } = options;
    if (!(lowWaterMark >= 0 && highWaterMark >= lowWaterMark)) throw new RangeError('need 0 <= lowWaterMark <= highWaterMark');
    this.dc = dc;
    this.label = dc.label;
    this.highWaterMark = highWaterMark;
    this.lowWaterMark = lowWaterMark;
    /** @type {Array<() => void>} senders waiting for the channel to open or drain */
    this._waiters = [];
    /** @type {Promise<void>} keeps sends in order when some wait */
    this._tail = Promise.resolve();
    this._pending = 0;
    this._closed = false;
    this._errored = false;
    dc.binaryType = 'arraybuffer';
    dc.bufferedAmountLowThreshold = lowWaterMark;
    dc.onopen = () => { this._wake(); this.emit('open', undefined); };
    dc.onmessage = (ev) => this.emit('message', ev.data);
    dc.onbufferedamountlow = () => this._wake();
    dc.onerror = (ev) => {
      const cause = /** @type {any} */ (ev)?.error;
      this._fail(new SwarmRtcError(ErrorCodes.CHANNEL_ERROR, `data channel ${this.label}: ${cause?.message ?? 'error'}`, { cause }));
    };
    dc.onclose = () => this._finish();
  }

  /** @returns {RTCDataChannelState} */
  get readyState() { return this.dc.readyState; }

  /** Bytes queued in the channel but not yet sent. */
  get bufferedAmount() { return this.dc.bufferedAmount; }

  /**
   * Sends one message, waiting while the channel is still connecting or its buffer is above the
   * high-water mark.
   * @param {string|ArrayBuffer|ArrayBufferView|Blob} data at most 262,144 bytes
   * @returns {Promise<void>}
   * @throws {SwarmRtcError} MESSAGE_TOO_LARGE, CHANNEL_CLOSED
   */
  send(data) {
    const size = messageSize(data);
    if (size > MAX_MESSAGE_BYTES) {
      return Promise.reject(new SwarmRtcError(ErrorCodes.MESSAGE_TOO_LARGE,
        `message of ${size} bytes exceeds the ${MAX_MESSAGE_BYTES}-byte limit`, { details: { size } }));
    }
    if (this._closed) return Promise.reject(this._closedError());
    // Fast path: nothing queued ahead and room in the buffer.
    if (this._pending === 0 && this._canSendNow()) {
      try {
        this.dc.send(/** @type {any} */ (data));
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(this._sendFailed(err));
      }
    }
    this._pending += 1;
    const result = this._tail.then(() => this._sendWhenReady(data)).finally(() => { this._pending -= 1; });
    this._tail = result.catch(() => {});
    return result;
  }

  /**
   * Sends at once when nothing waits ahead and the buffer is below the high-water mark; otherwise
   * sends nothing and returns false. The browser copies the message during the call, so the caller
   * may reuse its buffer as soon as this returns (an uploader framing every block into one buffer).
   * @param {ArrayBuffer|ArrayBufferView} data at most 262,144 bytes
   * @returns {boolean} whether it was sent
   * @throws {SwarmRtcError} MESSAGE_TOO_LARGE, CHANNEL_ERROR
   */
  sendNow(data) {
    const size = messageSize(data);
    if (size > MAX_MESSAGE_BYTES) {
      throw new SwarmRtcError(ErrorCodes.MESSAGE_TOO_LARGE, `message of ${size} bytes exceeds the ${MAX_MESSAGE_BYTES}-byte limit`, { details: { size } });
    }
    if (this._closed || this._pending > 0 || !this._canSendNow()) return false;
    try {
      this.dc.send(/** @type {any} */ (data));
    } catch (err) {
      throw this._sendFailed(err);
    }
    return true;
  }

  /** Closes the channel. Idempotent; `close` fires once. */
  close() {
    if (this._closed) return;
    try { this.dc.close(); } catch { /* already closing */ }
    this._finish();
  }

  // ---------------------------------------------------------------- internals

  _canSendNow() {
    return this.dc.readyState === 'open' && this.dc.bufferedAmount <= this.highWaterMark;
  }

  /** @param {any} data */
  async _sendWhenReady(data) {
    while (!this._canSendNow()) {
      if (this._closed || this.dc.readyState === 'closing' || this.dc.readyState === 'closed') throw this._closedError();
      await new Promise((resolve) => this._waiters.push(() => resolve(undefined)));
    }
    try {
      this.dc.send(data);
    } catch (err) {
      throw this._sendFailed(err);
    }
  }

  _wake() {
    const waiters = this._waiters;
    this._waiters = [];
    for (const wake of waiters) wake();
  }

  _closedError() {
    return new SwarmRtcError(ErrorCodes.CHANNEL_CLOSED, `data channel ${this.label} is closed`);
  }

  /** @param {unknown} err */
  _sendFailed(err) {
    if (this._closed || this.dc.readyState !== 'open') return this._closedError();
    return new SwarmRtcError(ErrorCodes.CHANNEL_ERROR, `send on ${this.label} failed`, { cause: err });
  }

  /** @param {SwarmRtcError} err */
  _fail(err) {
    if (this._closed || this._errored) return;
    this._errored = true;
    this.emit('error', err);
    this.close();
  }

  _finish() {
    if (this._closed) return;
    this._closed = true;
    this._wake(); // waiting senders see _closed and reject with CHANNEL_CLOSED
    const dc = this.dc;
    dc.onmessage = dc.onbufferedamountlow = dc.onerror = dc.onopen = null;
    this.emit('close', undefined);
    // Keep onclose detached only after the channel is really gone, so a late event is harmless.
    dc.onclose = null;
    queueMicrotask(() => this.removeAllListeners());
  }
}
