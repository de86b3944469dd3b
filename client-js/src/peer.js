/**
 * One WebRTC connection to one remote peer, negotiated over signaling (docs/signaling.md).
 *
 * - The newcomer (`initiator: true`) creates the data channels, which makes it the offerer on
 *   first contact; the other side only answers. Later renegotiation and ICE restarts use perfect
 *   negotiation: on an offer collision the peer whose id sorts lower is polite and rolls back.
 * - Trickle ICE: every candidate is signaled as soon as it exists; nothing waits for gathering.
 *   Remote candidates that arrive before the remote description are queued.
 * - ICE that stays `new`/`checking` for `iceTimeoutMs` fails with ICE_TIMEOUT (Chromium reports
 *   nothing when there are no candidates at all). A `failed` connection is restarted up to
 *   `maxIceRestarts` times, then fails with ICE_FAILED. Both name the likely cause when no relay
 *   candidate was gathered (`details.likelyCause`, see ice-diagnosis.js): e.g. TURN credentials
 *   that the TURN server rejected, which otherwise look like a plain timeout.
 *
 * Events: `channel` Channel; `state` {connectionState, iceConnectionState}; `connected`;
 * `path` PathInfo; `warning` SwarmRtcError; `error` SwarmRtcError (once, before close); `close`.
 * @module peer
 */
import { Channel } from './channel.js';
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { MAX_CANDIDATE_ERRORS, diagnoseIceFailure } from './ice-diagnosis.js';
import { UNKNOWN_PATH, pathFromStats } from './path-info.js';
import { realScheduler, withDefaults } from './scheduler.js';

/** Channels the offerer opens (docs/swarm-protocol.md, Data channels). */
export const DEFAULT_CHANNELS = Object.freeze([
  Object.freeze({ label: 'swarm', options: Object.freeze({ ordered: true }) }),
  Object.freeze({ label: 'chat', options: Object.freeze({ ordered: true }) }),
]);

/**
 * @typedef {object} SignalingSink the part of SignalingClient a PeerLink needs
 * @property {(to: string, sdp: string) => void} sendOffer
 * @property {(to: string, sdp: string) => void} sendAnswer
 * @property {(to: string, candidate: RTCIceCandidateInit) => void} sendCandidate
 *
 * @typedef {object} PeerLinkOptions
 * @property {string} localId
 * @property {string} remoteId
 * @property {boolean} initiator true for the newcomer: it opens the channels and offers
 * @property {SignalingSink} signaling
 * @property {RTCIceServer[]} [iceServers]
 * @property {ReadonlyArray<{label: string, options?: RTCDataChannelInit}>} [channels]
 * @property {typeof RTCPeerConnection} [RTCPeerConnection]
 * @property {import('./scheduler.js').Scheduler} [scheduler]
 * @property {number} [iceTimeoutMs=15000]
 * @property {number} [disconnectedGraceMs=5000] wait this long in `disconnected` before restarting ICE
 * @property {number} [maxIceRestarts=2]
 * @property {import('./channel.js').ChannelOptions} [channelOptions]
 * @property {RTCCertificate[]} [certificates] the DTLS certificate(s) to use (a mesh passes one for
 *   all its links, so its remote peers can recognise it by fingerprint; see remoteFingerprint)
 */

/** Remote candidates kept while waiting for the remote description. */
const MAX_PENDING_CANDIDATES = 256;

/** Whether the local peer is the polite one in a collision (docs/signaling.md, Lifecycle 3). */
export const isPolite = (/** @type {string} */ localId, /** @type {string} */ remoteId) => localId < remoteId;

/**
 * The first `a=fingerprint` line of an SDP (session or media level), normalised, or null.
 * @param {string|undefined|null} sdp
 * @returns {string|null}
 */
export function sdpFingerprint(sdp) {
  const m = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp ?? '');
  return m ? `${m[1].toLowerCase()} ${m[2].toUpperCase()}` : null;
}

/** @extends {Emitter<any>} */
export class PeerLink extends Emitter {
  /** @param {PeerLinkOptions} options */
  constructor(options) {
    super();
    this.localId = options.localId;
    this.remoteId = options.remoteId;
    this.polite = isPolite(options.localId, options.remoteId);
    this._opts = withDefaults({ iceTimeoutMs: 15_000, disconnectedGraceMs: 5_000, maxIceRestarts: 2 }, options);
    this._signaling = options.signaling;
    this._sched = options.scheduler ?? realScheduler;
    /** @type {Map<string, Channel>} */
    this.channels = new Map();
    /** @type {import('./path-info.js').PathInfo} */
    this.path = UNKNOWN_PATH;
    this._makingOffer = false;
    this._ignoreOffer = false;
    /** @type {RTCIceCandidateInit[]} */ this._pendingCandidates = [];
    /** @type {Promise<void>} incoming descriptions and candidates are applied in arrival order */
    this._inbox = Promise.resolve();
    this._restarts = 0;
    this._connected = false;
    this._failed = false;
    /** @type {unknown} */ this._iceTimer = null;
    /** @type {unknown} */ this._disconnectTimer = null;
    this._closed = false;
    this._errored = false;
    /** @type {ReadonlyArray<RTCIceServer>} */ this._iceServers = options.iceServers ?? [];
    /** @type {Set<string>} types of the local candidates gathered so far (host, srflx, relay...) */
    this._localTypes = new Set();
    /** @type {import('./ice-diagnosis.js').CandidateError[]} */ this._candidateErrors = [];

    const PC = options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    if (!PC) throw new SwarmRtcError(ErrorCodes.NEGOTIATION_FAILED, 'this browser has no RTCPeerConnection');
    /** @type {RTCPeerConnection} */
    this.pc = new PC(options.certificates ? { iceServers: options.iceServers ?? [], certificates: options.certificates } : { iceServers: options.iceServers ?? [] });
    this._wire();
    this._initiator = options.initiator;
    this._started = false;
  }

  /**
   * Starts the connection: arms the ICE timeout and, for the initiator, opens the channels (which
   * triggers the offer). Call once, after attaching listeners, so no `channel` event is missed.
   */
  start() {
    if (this._started || this._closed) return;
    this._started = true;
    this._armIceTimer(ErrorCodes.ICE_TIMEOUT);
    if (this._initiator) {
      for (const { label, options: init } of this._opts.channels ?? DEFAULT_CHANNELS) {
        this._adopt(this.pc.createDataChannel(label, init));
      }
    }
  }

  /** @param {string} sdp */
  handleOffer(sdp) { this._enqueue(() => this._onDescription({ type: 'offer', sdp })); }

  /** @param {string} sdp */
  handleAnswer(sdp) { this._enqueue(() => this._onDescription({ type: 'answer', sdp })); }

  /** @param {RTCIceCandidateInit} candidate */
  handleCandidate(candidate) { this._enqueue(() => this._onCandidate(candidate)); }

  /** Restarts ICE (new credentials, new candidates) through a renegotiation. */
  restartIce() {
    if (this._closed) return;
    this._restarts += 1;
    this._armIceTimer(ErrorCodes.ICE_FAILED);
    this.pc.restartIce();
  }

  /**
   * Reads the current path from getStats() and emits `path` when it changed.
   * @returns {Promise<import('./path-info.js').PathInfo>}
   */
  async refreshPath() {
    if (this._closed) return this.path;
    try {
      const path = pathFromStats(await this.pc.getStats());
      if (JSON.stringify(path) !== JSON.stringify(this.path)) {
        this.path = path;
        this.emit('path', path);
      }
    } catch { /* closed meanwhile: keep the last known path */ }
    return this.path;
  }

  /**
   * The remote peer's DTLS certificate fingerprint from its session description ("sha-256 AB:CD..."),
   * or null before one arrived. Stable across connections when the remote uses one certificate.
   * @returns {string|null}
   */
  get remoteFingerprint() {
    return sdpFingerprint(this.pc.remoteDescription?.sdp);
  }

  /** Closes the connection and its channels. Idempotent. */
  close() { this._shutdown(null); }

  // ---------------------------------------------------------------- internals

  _wire() {
    const pc = this.pc;
    pc.onicecandidate = ({ candidate }) => {
      // A null candidate marks the end of gathering, which is not signaled.
      if (candidate && !this._closed) {
        if (candidate.type) this._localTypes.add(candidate.type);
        this._signaling.sendCandidate(this.remoteId, candidate.toJSON());
      }
    };
    // Kept to explain a later failure (e.g. a TURN server answering 401); harmless on their own.
    pc.onicecandidateerror = (/** @type {any} */ ev) => {
      if (this._candidateErrors.length >= MAX_CANDIDATE_ERRORS) return;
      this._candidateErrors.push({ url: String(ev.url ?? ''), errorCode: Number(ev.errorCode), errorText: String(ev.errorText ?? '') });
    };
    pc.onnegotiationneeded = async () => {
      try {
        this._makingOffer = true;
        await pc.setLocalDescription();
        const sdp = pc.localDescription?.sdp;
        if (sdp && !this._closed) this._signaling.sendOffer(this.remoteId, sdp);
      } catch (err) {
        this._fail(new SwarmRtcError(ErrorCodes.NEGOTIATION_FAILED, `cannot create an offer: ${/** @type {Error} */ (err).message}`, { cause: err }));
      } finally {
        this._makingOffer = false;
      }
    };
    pc.ondatachannel = ({ channel }) => this._adopt(channel);
    pc.oniceconnectionstatechange = () => this._onStateChange();
    pc.onconnectionstatechange = () => this._onStateChange();
  }

  /** @param {RTCDataChannel} dc */
  _adopt(dc) {
    const channel = new Channel(dc, this._opts.channelOptions);
    this.channels.get(dc.label)?.close();
    this.channels.set(dc.label, channel);
    channel.on('close', () => { if (this.channels.get(dc.label) === channel) this.channels.delete(dc.label); });
    this.emit('channel', channel);
  }

  /** @param {() => Promise<void>} task */
  _enqueue(task) {
    if (this._closed) return;
    this._inbox = this._inbox.then(task).catch((err) => {
      this._fail(new SwarmRtcError(ErrorCodes.NEGOTIATION_FAILED, `negotiation with ${this.remoteId} failed: ${err.message}`, { cause: err }));
    });
  }

  /** @param {RTCSessionDescriptionInit} description */
  async _onDescription(description) {
    if (this._closed) return;
    const pc = this.pc;
    const collision = description.type === 'offer' && (this._makingOffer || pc.signalingState !== 'stable');
    this._ignoreOffer = !this.polite && collision;
    if (this._ignoreOffer) return; // impolite: our offer wins, theirs is dropped
    if (description.type === 'answer' && pc.signalingState !== 'have-local-offer') return; // stale answer
    await pc.setRemoteDescription(description); // the polite side rolls back implicitly
    const queued = this._pendingCandidates;
    this._pendingCandidates = [];
    for (const c of queued) await this._addCandidate(c);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      const sdp = pc.localDescription?.sdp;
      if (sdp && !this._closed) this._signaling.sendAnswer(this.remoteId, sdp);
    }
  }

  /** @param {RTCIceCandidateInit} candidate */
  async _onCandidate(candidate) {
    if (this._closed) return;
    if (!this.pc.remoteDescription) {
      // Bounded: a peer that floods candidates before its offer loses the excess, not our memory.
      if (this._pendingCandidates.length < MAX_PENDING_CANDIDATES) this._pendingCandidates.push(candidate);
      return;
    }
    await this._addCandidate(candidate);
  }

  /** @param {RTCIceCandidateInit} candidate */
  async _addCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (err) {
      // Candidates of an offer we ignored are expected to fail; others are worth a warning only.
      if (!this._ignoreOffer) {
        this.emit('warning', new SwarmRtcError(ErrorCodes.NEGOTIATION_FAILED, `bad remote candidate: ${/** @type {Error} */ (err).message}`, { cause: err }));
      }
    }
  }

  _onStateChange() {
    if (this._closed) return;
    const { connectionState, iceConnectionState } = this.pc;
    this.emit('state', { connectionState, iceConnectionState });
    if (iceConnectionState === 'connected' || iceConnectionState === 'completed' || connectionState === 'connected') {
      this._clearTimer('_iceTimer');
      this._clearTimer('_disconnectTimer');
    }
    // Both state events fire for one change: act on transitions only.
    const connected = connectionState === 'connected';
    if (connected !== this._connected) {
      this._connected = connected;
      if (connected) {
        this._restarts = 0;
        this.emit('connected', undefined);
        void this.refreshPath();
      }
    }
    const failed = connectionState === 'failed' || iceConnectionState === 'failed';
    const newFailure = failed && !this._failed;
    this._failed = failed;
    if (newFailure) {
      this._clearTimer('_disconnectTimer');
      if (this._restarts < this._opts.maxIceRestarts) this.restartIce();
      else this._fail(this._iceError(ErrorCodes.ICE_FAILED, `connection to ${this.remoteId} failed after ${this._restarts} ICE restarts`));
    } else if (connectionState === 'disconnected' && this._disconnectTimer === null) {
      this._disconnectTimer = this._sched.setTimeout(() => {
        this._disconnectTimer = null;
        if (this._closed || this.pc.connectionState !== 'disconnected') return;
        if (this._restarts < this._opts.maxIceRestarts) this.restartIce();
        else this._fail(this._iceError(ErrorCodes.ICE_FAILED, `connection to ${this.remoteId} lost after ${this._restarts} ICE restarts`));
      }, this._opts.disconnectedGraceMs);
    } else if (connectionState === 'closed') {
      this._shutdown(null);
    }
  }

  /** @param {string} code ICE_TIMEOUT on first contact, ICE_FAILED after a restart */
  _armIceTimer(code) {
    this._clearTimer('_iceTimer');
    this._iceTimer = this._sched.setTimeout(() => {
      this._iceTimer = null;
      const state = this.pc.iceConnectionState;
      if (this._closed || (state !== 'new' && state !== 'checking')) return;
      this._fail(this._iceError(code,
        `ICE with ${this.remoteId} still "${state}" after ${this._opts.iceTimeoutMs} ms` +
        (state === 'new' ? ' (no candidate pair: no usable network interface, blocked UDP or unreachable STUN/TURN?)' : '')));
    }, this._opts.iceTimeoutMs);
  }

  /**
   * An ICE_TIMEOUT/ICE_FAILED error naming the likely cause when no relay candidate was gathered.
   * @param {string} code
   * @param {string} message
   */
  _iceError(code, message) {
    const diagnosis = diagnoseIceFailure({
      iceServers: this._iceServers, localTypes: this._localTypes, candidateErrors: this._candidateErrors,
    });
    if (!diagnosis) return new SwarmRtcError(code, message);
    return new SwarmRtcError(code, `${message}; likely cause: ${diagnosis.hint}`, {
      details: { likelyCause: diagnosis.likelyCause, candidateErrors: [...this._candidateErrors] },
    });
  }

  /** @param {'_iceTimer'|'_disconnectTimer'} name */
  _clearTimer(name) {
    if (this[name] !== null) {
      this._sched.clearTimeout(this[name]);
      this[name] = null;
    }
  }

  /** @param {SwarmRtcError} err */
  _fail(err) {
    if (this._closed) return;
    this._shutdown(err);
  }

  /** @param {SwarmRtcError|null} err */
  _shutdown(err) {
    if (this._closed) return;
    this._closed = true;
    this._clearTimer('_iceTimer');
    this._clearTimer('_disconnectTimer');
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
    const pc = this.pc;
    pc.onicecandidate = pc.onicecandidateerror = pc.onnegotiationneeded = pc.ondatachannel = pc.oniceconnectionstatechange = pc.onconnectionstatechange = null;
    try { pc.close(); } catch { /* already closed */ }
    if (err && !this._errored) {
      this._errored = true;
      this.emit('error', err);
    }
    this.emit('close', undefined);
    this.removeAllListeners();
  }
}
