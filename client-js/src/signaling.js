/**
 * Signaling client for docs/signaling.md: joins one room over a WebSocket, relays SDP and ICE
 * candidates to named peers, and survives network blips.
 *
 * Reconnect: when the socket dies the client retries with exponential backoff and jitter and sends
 * `join` with its resume token, so it keeps its peer id and the other peers notice nothing. When
 * the server answers RESUME_FAILED (grace period over) it joins afresh: the next `joined` event
 * has `resumed: false` and a new peer id, and the application must treat every peer as new.
 *
 * Liveness: browsers cannot see WebSocket ping frames, so the client sends `ping` every
 * `pingIntervalMs`; when nothing at all arrives for `livenessTimeoutMs` it drops the socket and
 * reconnects.
 *
 * Events: `state` {state, previous}; `joined` JoinedMessage; `peer-joined`/`peer-left` {peerId};
 * `offer`/`answer` {from, sdp}; `candidate` {from, candidate}; `warning` SwarmRtcError (non-fatal:
 * a message the server rejected, a garbled frame, a lost socket); `error` SwarmRtcError (terminal,
 * at most once, followed by `close`); `close`.
 *
 * @example
 * const sig = new SignalingClient({ url: 'wss://example.org/ws', room: 'team-42' });
 * sig.on('peer-joined', ({ peerId }) => console.log('hello', peerId));
 * const { peerId, peers } = await sig.connect();
 * @module signaling
 */
import { backoffDelay } from './backoff.js';
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { realScheduler, withDefaults } from './scheduler.js';
import { checkRoom, joinFrame, parseServerMessage } from './signaling-messages.js';

/** @typedef {'idle'|'connecting'|'joining'|'joined'|'reconnecting'|'closed'} SignalingState */

/** Join answers that no retry can fix: the client stops and reports them. */
const TERMINAL_JOIN_ERRORS = new Set(['BAD_ROOM', 'ROOM_FULL', 'BAD_PASSWORD', 'BAD_TOKEN', 'BAD_FIELD']);
/** Messages queued while reconnecting; a longer outage drops the oldest (ICE restarts recover). */
const OUTBOX_LIMIT = 256;
const WS_OPEN = 1;

/**
 * @typedef {object} SignalingOptions
 * @property {string} url ws(s)://host:port/ws
 * @property {string} room
 * @property {string} [password]
 * @property {string} [token] signed join token
 * @property {new (url: string) => WebSocket} [WebSocket] injected by tests
 * @property {import('./scheduler.js').Scheduler} [scheduler]
 * @property {() => number} [random] jitter source
 * @property {number} [pingIntervalMs=10000]
 * @property {number} [livenessTimeoutMs=30000]
 * @property {number} [backoffBaseMs=500]
 * @property {number} [backoffMaxMs=30000]
 * @property {number} [maxReconnectAttempts=Infinity] consecutive failed attempts before giving up
 */

/** @extends {Emitter<any>} */
export class SignalingClient extends Emitter {
  /** @param {SignalingOptions} options */
  constructor(options) {
    super();
    checkRoom(options.room);
    if (typeof options.url !== 'string') throw new TypeError('url is required');
    this._opts = withDefaults({
      pingIntervalMs: 10_000, livenessTimeoutMs: 30_000, backoffBaseMs: 500, backoffMaxMs: 30_000,
      maxReconnectAttempts: Infinity,
    }, options);
    this._WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this._sched = options.scheduler ?? realScheduler;
    this._random = options.random ?? Math.random;
    /** @type {SignalingState} */
    this.state = 'idle';
    /** @type {string|null} our peer id once joined */
    this.peerId = null;
    /** @type {string|null} */
    this._resumeToken = null;
    /** @type {WebSocket|null} */
    this._ws = null;
    this._attempt = 0;
    this._lastRx = 0;
    /** @type {unknown} */ this._retryTimer = null;
    /** @type {unknown} */ this._pingTimer = null;
    /** @type {string[]} */ this._outbox = [];
    /** @type {{resolve: Function, reject: Function}|null} */ this._connectWaiter = null;
    this._errored = false;
  }

  /**
   * Opens the socket and joins. Resolves with the first `joined`; rejects with a SwarmRtcError
   * when the join is refused (BAD_PASSWORD, ROOM_FULL, ...) or the client gives up or is closed.
   * @returns {Promise<import('./signaling-messages.js').JoinedMessage>}
   */
  connect() {
    if (this.state !== 'idle') return Promise.reject(new SwarmRtcError(ErrorCodes.CLOSED, `connect() called in state ${this.state}`));
    const promise = new Promise((resolve, reject) => { this._connectWaiter = { resolve, reject }; });
    this._open();
    return promise;
  }

  /** @param {string} to @param {string} sdp */
  sendOffer(to, sdp) { this._send({ type: 'offer', to, sdp }); }

  /** @param {string} to @param {string} sdp */
  sendAnswer(to, sdp) { this._send({ type: 'answer', to, sdp }); }

  /** @param {string} to @param {RTCIceCandidateInit} candidate */
  sendCandidate(to, candidate) { this._send({ type: 'candidate', to, candidate }); }

  /** Leaves the room and closes the socket. Idempotent. */
  close() {
    if (this.state === 'closed') return;
    if (this._ws && this._ws.readyState === WS_OPEN && this.state === 'joined') {
      try { this._ws.send('{"type":"leave"}'); } catch { /* socket already failing: nothing to tell */ }
    }
    this._shutdown(null);
  }

  // ---------------------------------------------------------------- internals

  /** @param {SignalingState} state */
  _setState(state) {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    this.emit('state', { state, previous });
  }

  _open() {
    this._setState(this._attempt === 0 && this.peerId === null ? 'connecting' : 'reconnecting');
    let ws;
    try {
      ws = new this._WebSocket(this._opts.url);
    } catch (err) {
      this._socketLost(new SwarmRtcError(ErrorCodes.SIGNALING_UNREACHABLE, `cannot open ${this._opts.url}`, { cause: err }));
      return;
    }
    this._ws = ws;
    ws.onopen = () => {
      if (ws !== this._ws) return;
      this._lastRx = this._sched.now();
      this._setState('joining');
      ws.send(joinFrame({ ...this._opts, resumeToken: this._resumeToken ?? undefined }));
      this._schedulePing();
    };
    ws.onmessage = (ev) => { if (ws === this._ws) this._onFrame(ev.data); };
    ws.onerror = () => { /* always followed by close, which carries the information */ };
    ws.onclose = (ev) => {
      if (ws !== this._ws) return;
      this._socketLost(new SwarmRtcError(ErrorCodes.SIGNALING_UNREACHABLE,
        `signaling socket closed (code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`, { details: { closeCode: ev.code } }));
    };
  }

  /** @param {unknown} data */
  _onFrame(data) {
    this._lastRx = this._sched.now();
    let msg;
    try {
      msg = parseServerMessage(data);
    } catch (err) {
      this.emit('warning', err);
      return;
    }
    switch (msg.type) {
      case 'joined': return this._onJoined(msg);
      case 'error': return this._onServerError(msg);
      case 'pong': return undefined;
      case 'peer-joined':
      case 'peer-left':
        return void this.emit(msg.type, { peerId: msg.peerId });
      case 'offer':
      case 'answer':
        return void this.emit(msg.type, { from: msg.from, sdp: msg.sdp });
      case 'candidate':
        return void this.emit('candidate', { from: msg.from, candidate: msg.candidate });
      default:
        return undefined;
    }
  }

  /** @param {import('./signaling-messages.js').JoinedMessage} msg */
  _onJoined(msg) {
    const sameIdentity = msg.resumed && msg.peerId === this.peerId;
    this.peerId = msg.peerId;
    this._resumeToken = msg.resumeToken;
    this._attempt = 0;
    // Queued messages address peers as seen by our old identity: only meaningful after a resume.
    const outbox = sameIdentity ? this._outbox : [];
    this._outbox = [];
    this._setState('joined');
    for (const frame of outbox) this._ws?.send(frame);
    if (this._connectWaiter) {
      this._connectWaiter.resolve(msg);
      this._connectWaiter = null;
    }
    this.emit('joined', msg);
  }

  /** @param {import('./signaling-messages.js').ErrorMessage} msg */
  _onServerError(msg) {
    const err = new SwarmRtcError(msg.code, msg.message || msg.code, { details: { fatal: msg.fatal } });
    if (msg.code === 'RESUME_FAILED' && this.state === 'joining') {
      // Our place is gone: join again as a new peer on the same socket.
      this._resumeToken = null;
      this.emit('warning', err);
      this._ws?.send(joinFrame(this._opts));
      return;
    }
    if (this.state === 'joining' && TERMINAL_JOIN_ERRORS.has(msg.code)) {
      this._shutdown(err);
      return;
    }
    // Non-fatal: one message was refused. Fatal: the server closes the socket; onclose reconnects.
    this.emit('warning', err);
  }

  /** @param {SwarmRtcError} reason */
  _socketLost(reason) {
    if (this.state === 'closed') return;
    this._detachSocket();
    this.emit('warning', reason);
    if (this._attempt >= this._opts.maxReconnectAttempts) {
      this._shutdown(new SwarmRtcError(ErrorCodes.SIGNALING_GAVE_UP,
        `gave up after ${this._attempt} reconnect attempts`, { cause: reason }));
      return;
    }
    const delay = backoffDelay(this._attempt, { baseMs: this._opts.backoffBaseMs, maxMs: this._opts.backoffMaxMs, random: this._random });
    this._attempt += 1;
    this._setState('reconnecting');
    this._retryTimer = this._sched.setTimeout(() => {
      this._retryTimer = null;
      if (this.state !== 'closed') this._open();
    }, delay);
  }

  _schedulePing() {
    this._pingTimer = this._sched.setTimeout(() => {
      this._pingTimer = null;
      const ws = this._ws;
      if (!ws || this.state === 'closed') return;
      if (this._sched.now() - this._lastRx >= this._opts.livenessTimeoutMs) {
        try { ws.close(4001, 'liveness timeout'); } catch { /* ignore */ }
        this._socketLost(new SwarmRtcError(ErrorCodes.SIGNALING_TIMEOUT,
          `no message from the signaling server for ${this._opts.livenessTimeoutMs} ms`));
        return;
      }
      if (ws.readyState === WS_OPEN) ws.send('{"type":"ping"}');
      this._schedulePing();
    }, this._opts.pingIntervalMs);
  }

  /** @param {Record<string, unknown>} msg */
  _send(msg) {
    if (this.state === 'closed') throw new SwarmRtcError(ErrorCodes.CLOSED, 'signaling client is closed');
    const frame = JSON.stringify(msg);
    if (this.state === 'joined' && this._ws?.readyState === WS_OPEN) {
      this._ws.send(frame);
      return;
    }
    this._outbox.push(frame);
    if (this._outbox.length > OUTBOX_LIMIT) this._outbox.shift();
  }

  _detachSocket() {
    const ws = this._ws;
    this._ws = null;
    if (this._pingTimer !== null) { this._sched.clearTimeout(this._pingTimer); this._pingTimer = null; }
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try { ws.close(1000, 'bye'); } catch { /* already closed */ }
  }

  /** @param {SwarmRtcError|null} err */
  _shutdown(err) {
    if (this.state === 'closed') return;
    if (this._retryTimer !== null) { this._sched.clearTimeout(this._retryTimer); this._retryTimer = null; }
    this._detachSocket();
    this._outbox = [];
    this._setState('closed');
    if (this._connectWaiter) {
      this._connectWaiter.reject(err ?? new SwarmRtcError(ErrorCodes.CLOSED, 'signaling client closed before joining'));
      this._connectWaiter = null;
    }
    if (err && !this._errored) {
      this._errored = true;
      this.emit('error', err);
    }
    this.emit('close', undefined);
    this.removeAllListeners();
  }
}
