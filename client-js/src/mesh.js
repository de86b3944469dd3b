/**
 * A room of peers: joins a signaling room and keeps one PeerLink to every other peer in it.
 * The newcomer offers to everyone already there; peers that arrive later offer to us.
 *
 * Server restarts: a restarted server knows no resume token, so the signaling client joins afresh
 * under a new peer id (`joined` with `resumed: false`), and so does every other peer. Connected
 * links of the old identity keep carrying data ("orphans": their signaling ids are void), and the
 * mesh connects anew to the peers of the new room. Every link of a mesh uses one DTLS certificate,
 * so a new link whose remote fingerprint equals an orphan's reaches the same peer: once it has been
 * connected for `orphanGraceMs`, the orphan is closed. (The grace lets the far side's new link
 * connect too: both sides retire their orphan, and the first close ends the other's.) The match is
 * safe: a link connects only after DTLS proved the remote holds the fingerprint's private key. A
 * peer with a certificate per connection (the Java peer) instead announces its new id on the kept
 * connection (`peer-id` on the chat channel, docs/swarm-protocol.md): the same retirement follows.
 * An orphan whose peer does not come back lives until its connection ends.
 *
 * Events:
 * - `joined` {peerId, room, resumed}; `signaling` {state} (connecting, joined, reconnecting, ...)
 * - `peer` {peerId, link} a link was created; `peer-connected` {peerId}; `peer-left` {peerId, error?}
 * - `channel` {peerId, label, channel} a data channel to a peer exists (it may still be connecting)
 * - `path` {peerId, path} the network path of a peer changed (direct/relayed)
 * - `peers` string[] the peers with a connected link, whenever it changes
 * - `warning` SwarmRtcError; `error` SwarmRtcError (terminal, once); `close`
 *
 * @example
 * const mesh = new PeerMesh({ room: 'team-42' });
 * mesh.on('channel', ({ peerId, label, channel }) => { if (label === 'chat') chat.attach(peerId, channel); });
 * await mesh.join();
 * @module mesh
 */
import { peerIdAnnouncement } from './chat.js';
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { fetchIceServers } from './ice-servers.js';
import { DEFAULT_CHANNELS, PeerLink } from './peer.js';
import { withDefaults } from './scheduler.js';
import { SignalingClient } from './signaling.js';
import { defaultIceServersUrl, defaultSignalingUrl } from './urls.js';

/**
 * @typedef {object} PeerMeshOptions
 * @property {string} room
 * @property {string} [password]
 * @property {string} [token]
 * @property {string} [signalingUrl] default: ws(s)://<page host>/ws
 * @property {string} [iceServersUrl] default: /api/ice-servers on the page's origin
 * @property {RTCIceServer[]} [iceServers] use these instead of fetching
 * @property {ReadonlyArray<{label: string, options?: RTCDataChannelInit}>} [channels]
 * @property {typeof fetch} [fetch]
 * @property {new (url: string) => WebSocket} [WebSocket]
 * @property {typeof RTCPeerConnection} [RTCPeerConnection]
 * @property {import('./scheduler.js').Scheduler} [scheduler]
 * @property {number} [iceTimeoutMs]
 * @property {number} [pathPollMs=5000] how often to re-read each peer's path from getStats
 * @property {number} [orphanGraceMs=2000] how long a link of the old identity outlives its
 *   replacement after a server restart (see the module comment)
 * @property {import('./channel.js').ChannelOptions} [channelOptions]
 */

/** @extends {Emitter<any>} */
export class PeerMesh extends Emitter {
  /** @param {PeerMeshOptions} options */
  constructor(options) {
    super();
    this._opts = withDefaults({ pathPollMs: 5000, orphanGraceMs: 2000, channels: DEFAULT_CHANNELS }, options);
    this.room = options.room;
    /** @type {Map<string, PeerLink>} */
    this.links = new Map();
    /** @type {Set<string>} */
    this._connected = new Set();
    /** @type {RTCIceServer[]} */
    this._iceServers = options.iceServers ?? [];
    this._closed = false;
    /** @type {unknown} */ this._pathTimer = null;
    this._ready = false;
    /** @type {Array<() => void>} */ this._backlog = [];
    this._iceRefreshAt = Infinity;
    this._iceRefreshing = false;
    /** @type {Set<string>} ids of orphaned links (see the module comment) */
    this._orphans = new Set();
    /** @type {Map<string, string>} link id -> the new id its peer announced on it (peer-id) */
    this._orphanAliases = new Map();
    /** @type {RTCCertificate[]|undefined} one DTLS certificate for every link of this mesh */
    this._certificates = undefined;
    this.signaling = new SignalingClient({
      url: options.signalingUrl ?? defaultSignalingUrl(),
      room: options.room, password: options.password, token: options.token,
      WebSocket: options.WebSocket, scheduler: options.scheduler,
    });
    const sig = this.signaling;
    sig.on('state', ({ state }) => this.emit('signaling', { state }));
    sig.on('warning', (err) => this.emit('warning', err));
    sig.on('error', (err) => this._shutdown(err));
    sig.on('joined', (msg) => { void this._onJoined(msg); });
    // Until the ICE servers of a fresh identity are known, peer events wait (in order).
    sig.on('peer-joined', ({ peerId }) => this._whenReady(() => this._link(peerId, false)));
    sig.on('peer-left', ({ peerId }) => this._whenReady(() => this._drop(peerId, null)));
    sig.on('offer', ({ from, sdp }) => this._whenReady(() => this._link(from, false)?.handleOffer(sdp)));
    sig.on('answer', ({ from, sdp }) => this._whenReady(() => this.links.get(from)?.handleAnswer(sdp)));
    sig.on('candidate', ({ from, candidate }) => this._whenReady(() => this.links.get(from)?.handleCandidate(candidate)));
  }

  /** Our peer id, once joined. */
  get peerId() { return this.signaling.peerId; }

  /** Ids of peers with a connected link. */
  get connectedPeers() { return [...this._connected]; }

  /**
   * Joins the room. Resolves once joined; peers connect in the background (watch `peers`).
   * @returns {Promise<{peerId: string, peers: string[]}>}
   */
  async join() {
    const certificate = this._makeCertificate();
    if (certificate) await certificate;
    const joined = await this.signaling.connect();
    return { peerId: joined.peerId, peers: joined.peers };
  }

  /**
   * The open-or-opening channels with a label, by peer id.
   * @param {string} label
   * @returns {Map<string, import('./channel.js').Channel>}
   */
  channels(label) {
    const out = new Map();
    for (const [peerId, link] of this.links) {
      const channel = link.channels.get(label);
      if (channel) out.set(peerId, channel);
    }
    return out;
  }

  /** Per-peer connection state and path, for status displays. */
  describePeers() {
    return [...this.links.values()].map((link) => ({
      peerId: link.remoteId,
      connected: this._connected.has(link.remoteId),
      state: link.pc.connectionState,
      path: link.path,
    }));
  }

  /** Leaves the room and closes every connection. Idempotent. */
  close() { this._shutdown(null); }

  // ---------------------------------------------------------------- internals

  /** @param {import('./signaling-messages.js').JoinedMessage} msg */
  async _onJoined(msg) {
    if (!msg.resumed) {
      // A fresh identity (first join, or RESUME_FAILED, e.g. after a server restart): links still
      // connected keep their data flowing as orphans; the others cannot finish negotiating.
      this._ready = false;
      for (const peerId of [...this.links.keys()]) {
        if (this._connected.has(peerId)) this._orphans.add(peerId);
        else this._drop(peerId, null);
      }
      if (!this._opts.iceServers) {
        await this._loadIceServers(msg.peerId);
      }
      if (this._closed) return;
    } else {
      // Resumed: peers that left while we were away get no second peer-left; drop them now.
      for (const peerId of [...this.links.keys()]) if (!msg.peers.includes(peerId) && !this._orphans.has(peerId)) this._drop(peerId, null);
    }
    this.emit('joined', { peerId: msg.peerId, room: msg.room, resumed: msg.resumed });
    this._startPathPolling();
    for (const peerId of msg.peers) {
      if (!this.links.has(peerId)) this._link(peerId, true);
    }
    this._ready = true;
    const backlog = this._backlog;
    this._backlog = [];
    for (const task of backlog) task();
  }

  /**
   * Fetches the ICE servers for our peer id. On failure the mesh goes on with host candidates
   * only (enough on one LAN) and says why remote peers may not connect.
   * @param {string} peerId
   */
  async _loadIceServers(peerId) {
    try {
      const { iceServers, ttl } = await fetchIceServers(this._opts.iceServersUrl ?? defaultIceServersUrl(), peerId, { fetch: this._opts.fetch });
      this._iceServers = iceServers;
      // TURN credentials expire after ttl seconds: links made after half of it use fresh ones.
      this._iceRefreshAt = ttl > 0 ? this.signaling._sched.now() + (ttl * 1000) / 2 : Infinity;
    } catch (err) {
      this.emit('warning', err);
    }
  }

  _refreshIceServersIfStale() {
    if (this._opts.iceServers || this._iceRefreshing || this.signaling._sched.now() < this._iceRefreshAt) return;
    const peerId = this.signaling.peerId;
    if (!peerId) return;
    this._iceRefreshing = true;
    void this._loadIceServers(peerId).finally(() => { this._iceRefreshing = false; });
  }

  /** @param {() => void} task */
  _whenReady(task) {
    if (this._ready) task();
    else if (this._backlog.length < 1024) this._backlog.push(task);
  }

  /**
   * Returns the link to a peer, creating it when needed.
   * @param {string} peerId
   * @param {boolean} initiator
   * @returns {PeerLink|undefined}
   */
  _link(peerId, initiator) {
    if (this._closed || !this.signaling.peerId || peerId === this.signaling.peerId) return undefined;
    const existing = this.links.get(peerId);
    if (existing) return existing;
    this._refreshIceServersIfStale(); // for the links after this one
    const link = new PeerLink({
      localId: this.signaling.peerId, remoteId: peerId, initiator, signaling: this.signaling,
      iceServers: this._iceServers, certificates: this._certificates, channels: this._opts.channels, RTCPeerConnection: this._opts.RTCPeerConnection,
      scheduler: this._opts.scheduler, iceTimeoutMs: this._opts.iceTimeoutMs, channelOptions: this._opts.channelOptions,
    });
    this.links.set(peerId, link);
    link.on('channel', (channel) => {
      if (channel.label === 'chat') channel.on('message', (data) => this._onPeerIdAnnouncement(peerId, peerIdAnnouncement(data)));
      this.emit('channel', { peerId, label: channel.label, channel });
    });
    link.on('connected', () => {
      this._connected.add(peerId);
      this.emit('peer-connected', { peerId });
      this.emit('peers', this.connectedPeers);
      this._retireOrphansOf(link);
    });
    link.on('path', (path) => this.emit('path', { peerId, path }));
    link.on('warning', (err) => this.emit('warning', err));
    link.on('error', (err) => this._drop(peerId, err));
    link.on('close', () => this._drop(peerId, null));
    this.emit('peer', { peerId, link });
    link.start();
    return link;
  }

  /** @param {string} peerId @param {SwarmRtcError|null} error */
  _drop(peerId, error) {
    const link = this.links.get(peerId);
    if (!link) return;
    this.links.delete(peerId);
    this._orphans.delete(peerId);
    this._orphanAliases.delete(peerId);
    link.close();
    const wasConnected = this._connected.delete(peerId);
    this.emit('peer-left', error ? { peerId, error } : { peerId });
    if (wasConnected) this.emit('peers', this.connectedPeers);
  }

  /**
   * Generates the mesh's DTLS certificate once (where the browser can), so remote peers can tell
   * a new link of ours from a new peer after a server restart. Null when there is nothing to wait for.
   * @returns {Promise<void>|null}
   */
  _makeCertificate() {
    const PC = /** @type {any} */ (this._opts.RTCPeerConnection ?? globalThis.RTCPeerConnection);
    if (this._certificates || typeof PC?.generateCertificate !== 'function') return null;
    return PC.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' }).then((cert) => {
      this._certificates = [cert];
    }, (err) => {
      this.emit('warning', new SwarmRtcError(ErrorCodes.NEGOTIATION_FAILED, `no shared DTLS certificate (${err?.message}); each link gets its own`, { cause: err }));
    });
  }

  /**
   * A peer that kept its connection across a fresh join (the Java peer does) says on it which id
   * the server knows it by now: once that link is an orphan, it reaches the same peer as a link to
   * the new id.
   * @param {string} linkId @param {string|null} newId
   */
  _onPeerIdAnnouncement(linkId, newId) {
    if (newId === null || !this.links.has(linkId)) return;
    // Kept even before our own fresh join makes this link an orphan: the far side may rejoin first.
    this._orphanAliases.set(linkId, newId);
    const fresh = this.links.get(newId);
    if (this._orphans.has(linkId) && fresh && this._connected.has(newId)) this._retireOrphansOf(fresh);
  }

  /**
   * Closes, after the grace period, the orphans that reach the same remote peer as `link` (now
   * connected), if `link` is still there then. Same peer: the same DTLS fingerprint (a browser:
   * one certificate per mesh), or the orphan's peer announced `link`'s id on it (peer-id).
   * @param {PeerLink} link
   */
  _retireOrphansOf(link) {
    if (this._orphans.size === 0 || this._orphans.has(link.remoteId)) return;
    const fingerprint = link.remoteFingerprint;
    const sameRemote = [...this._orphans].filter((id) => this._orphanAliases.get(id) === link.remoteId
      || (fingerprint && this.links.get(id)?.remoteFingerprint === fingerprint));
    if (sameRemote.length === 0) return;
    this.signaling._sched.setTimeout(() => {
      if (this._closed || this.links.get(link.remoteId) !== link) return;
      for (const orphanId of sameRemote) if (this._orphans.has(orphanId)) this._drop(orphanId, null);
    }, this._opts.orphanGraceMs);
  }

  _startPathPolling() {
    if (this._pathTimer !== null || this._closed) return;
    const sched = this.signaling._sched;
    const tick = () => {
      this._pathTimer = null;
      if (this._closed) return;
      for (const link of this.links.values()) if (this._connected.has(link.remoteId)) void link.refreshPath();
      this._pathTimer = sched.setTimeout(tick, this._opts.pathPollMs);
    };
    this._pathTimer = sched.setTimeout(tick, this._opts.pathPollMs);
  }

  /** @param {SwarmRtcError|null} err */
  _shutdown(err) {
    if (this._closed) return;
    this._closed = true;
    if (this._pathTimer !== null) this.signaling._sched.clearTimeout(this._pathTimer);
    for (const peerId of [...this.links.keys()]) this._drop(peerId, null);
    this.signaling.close();
    if (err) this.emit('error', err instanceof SwarmRtcError ? err : new SwarmRtcError(ErrorCodes.INTERNAL, String(err)));
    this.emit('close', undefined);
    this.removeAllListeners();
  }
}
