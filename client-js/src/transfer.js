/**
 * ShareSession and DownloadSession: what share() and download() return. They own the room
 * (PeerMesh), the piece store, the speed meters and the status the pages show; the swarm engine
 * (see engine.js) moves the pieces.
 *
 * Common events: `status` {phase, message?}; `peers` PeersInfo; `speed` SpeedInfo (every second);
 * `progress` ProgressInfo; `warning` SwarmRtcError; `error` SwarmRtcError (once, terminal);
 * `done`; `close`. ShareSession adds `link` {url, contentId, room}; DownloadSession adds `manifest`.
 * @module transfer
 */
import { Emitter } from './emitter.js';
import { registeredEngine } from './engine.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { PeerMesh } from './mesh.js';
import { realScheduler } from './scheduler.js';
import { RateMeter, etaSeconds } from './speed.js';
import { MemoryStore } from './storage/memory.js';
import { OpfsStore, opfsAvailable } from './storage/opfs.js';
import { opfsDownloads } from './storage/opfs-downloads.js';
import { saveBlob } from './storage/save.js';
import { buildDownloadLink, parseDownloadLink, randomRoom } from './urls.js';

/** Contents up to this size stay in memory when OPFS is missing; beyond it OPFS is required. */
const MEMORY_STORE_LIMIT = 256 * 1024 * 1024;

/**
 * @typedef {{count: number, peers: Array<{peerId: string, connected: boolean, path: 'direct'|'relayed'|'unknown'}>}} PeersInfo
 * @typedef {{up: number, down: number, bytesServed: number, bytesReceived: number, etaSeconds: number|null}} SpeedInfo
 * @typedef {{verifiedBytes: number, totalBytes: number, fraction: number, verifiedPieces: number, pieceCount: number}} ProgressInfo
 */

/** @extends {Emitter<any>} */
class TransferSession extends Emitter {
  /** @param {import('./mesh.js').PeerMeshOptions & {engine?: import('./engine.js').SwarmEngine|null}} meshOptions */
  constructor(meshOptions) {
    super();
    this._sched = meshOptions.scheduler ?? realScheduler;
    this.phase = 'starting';
    /** @type {SwarmRtcError|null} */
    this.error = null;
    /** @type {ProgressInfo|null} */
    this.progress = null;
    const now = () => this._sched.now();
    this.up = new RateMeter({ now });
    this.down = new RateMeter({ now });
    /** @type {import('./engine.js').EngineTransfer|null} */
    this.transfer = null;
    /** @type {Map<string, {up: number, down: number}>} payload bytes exchanged with each peer */
    this.peerBytes = new Map();
    /** @type {string[]} peers the engine banned (sent a piece that failed verification) */
    this.banned = [];
    this.engine = meshOptions.engine === undefined ? registeredEngine() : meshOptions.engine;
    this.mesh = new PeerMesh(meshOptions);
    const emitPeers = () => this.emit('peers', this.peersInfo());
    for (const ev of ['peers', 'path', 'peer-left']) this.mesh.on(ev, emitPeers);
    this.mesh.on('warning', (err) => this.emit('warning', err));
    this.mesh.on('error', (err) => this._fail(err));
    /** Whether the signaling server is out of reach (peer links already up carry on meanwhile). */
    this.serverLost = false;
    this.mesh.on('signaling', ({ state }) => this._onSignalingState(state));
    /** @type {unknown} */
    this._tick = this._sched.setTimeout(() => this._onTick(), 1000);
  }

  /**
   * Emits `server` when the signaling connection is lost (a reconnect attempt begins) or back
   * (joined again); the states in between (joining, a failed attempt) change nothing.
   * @param {string} state
   */
  _onSignalingState(state) {
    const lost = state === 'reconnecting' ? true : state === 'joined' ? false : this.serverLost;
    if (lost === this.serverLost) return;
    this.serverLost = lost;
    this.emit('server', { connected: !lost });
  }

  /** @returns {PeersInfo} */
  peersInfo() {
    const peers = this.mesh.describePeers().map((p) => {
      const bytes = this.peerBytes.get(p.peerId);
      return { peerId: p.peerId, connected: p.connected, path: p.path.kind, bytesUp: bytes?.up ?? 0, bytesDown: bytes?.down ?? 0 };
    });
    return { count: peers.filter((p) => p.connected).length, peers };
  }

  /** @returns {SpeedInfo} */
  speedInfo() {
    const down = this.down.rate();
    const remaining = this.progress ? this.progress.totalBytes - this.progress.verifiedBytes : NaN;
    return {
      up: this.up.rate(), down, bytesServed: this.up.total, bytesReceived: this.down.total,
      etaSeconds: this.progress ? etaSeconds(remaining, down) : null,
    };
  }

  /**
   * Everything a page or a test wants to see at once. `pieces` is the engine's verified-piece
   * bitfield in hex (BITFIELD layout) when it reports one; `banned` the peers it banned.
   */
  snapshot() {
    return {
      phase: this.phase, error: this.error?.code ?? null, progress: this.progress, peers: this.peersInfo(), speed: this.speedInfo(),
      pieces: this.transfer?.describe?.().pieces ?? null, banned: [...this.banned],
    };
  }

  close() {
    if (this.phase === 'closed') return;
    this._setPhase('closed');
    this._sched.clearTimeout(this._tick);
    this.transfer?.close();
    this.mesh.close();
    this.emit('close', undefined);
    this.removeAllListeners();
  }

  /** @param {import('./engine.js').EngineTransfer} transfer */
  _attachTransfer(transfer) {
    this.transfer = transfer;
    transfer.on('bytes', ({ direction, peerId, bytes }) => {
      (direction === 'up' ? this.up : this.down).add(bytes);
      let perPeer = this.peerBytes.get(peerId);
      if (!perPeer) this.peerBytes.set(peerId, (perPeer = { up: 0, down: 0 }));
      perPeer[direction === 'up' ? 'up' : 'down'] += bytes;
    });
    transfer.on('banned', ({ peerId }) => { if (!this.banned.includes(peerId)) this.banned.push(peerId); });
    transfer.on('warning', (err) => this.emit('warning', err));
    transfer.on('progress', (p) => {
      this.progress = { ...p, fraction: p.totalBytes === 0 ? 1 : p.verifiedBytes / p.totalBytes };
      this.emit('progress', this.progress);
    });
    transfer.on('piece-failed', ({ piece, peerIds }) => this.emit('warning', new SwarmRtcError(ErrorCodes.PIECE_VERIFICATION_FAILED,
      `piece ${piece} failed verification and is fetched again`, { details: { piece, peerIds } })));
    transfer.on('error', (err) => this._fail(err));
  }

  _requireEngine() {
    if (this.engine) return this.engine;
    throw new SwarmRtcError(ErrorCodes.NOT_IMPLEMENTED, 'file transfer is not available in this build yet (no swarm engine registered)');
  }

  _onTick() {
    if (this.phase === 'closed') return;
    this.emit('speed', this.speedInfo());
    this._tick = this._sched.setTimeout(() => this._onTick(), 1000);
  }

  /** @param {string} phase @param {string} [message] */
  _setPhase(phase, message) {
    this.phase = phase;
    this.emit('status', message ? { phase, message } : { phase });
  }

  /** @param {unknown} err */
  _fail(err) {
    if (this.phase === 'closed' || this.error) return;
    this.error = err instanceof SwarmRtcError ? err : new SwarmRtcError(ErrorCodes.INTERNAL, String(/** @type {Error} */ (err)?.message ?? err), { cause: err });
    this.emit('error', this.error);
    this.close();
  }
}

/** What share() returns: seeds files to everyone who opens the link. */
export class ShareSession extends TransferSession {
  /**
   * @param {File[]} files
   * @param {Omit<import('./mesh.js').PeerMeshOptions, 'room'> & {room?: string, name?: string, pieceSize?: number, origin?: string, engine?: import('./engine.js').SwarmEngine|null}} options
   */
  constructor(files, options = {}) {
    const room = options.room ?? randomRoom();
    super({ ...options, room });
    this.room = room;
    this.files = files;
    /** @type {{url: string, contentId: string, room: string}|null} */
    this.link = null;
    this._origin = options.origin ?? globalThis.location?.origin ?? '';
    queueMicrotask(() => { void this._start(options); });
  }

  /** @param {{name?: string, pieceSize?: number}} options */
  async _start(options) {
    try {
      if (!Array.isArray(this.files) || this.files.length === 0) throw new SwarmRtcError(ErrorCodes.NO_FILES, 'choose at least one file to share');
      const engine = this._requireEngine();
      this._setPhase('joining');
      await this.mesh.join();
      if (this.phase === 'closed') return;
      this._setPhase('preparing', 'hashing files…');
      const transfer = engine.seed({ files: this.files, mesh: this.mesh, name: options.name, pieceSize: options.pieceSize });
      this._attachTransfer(transfer);
      transfer.on('manifest', (/** @type {import('./engine.js').ManifestSummary} */ m) => {
        this.link = { url: buildDownloadLink(this._origin, this.room, m.contentId), contentId: m.contentId, room: this.room };
        this.emit('manifest', m);
        this.emit('link', this.link);
        this._setPhase('sharing');
      });
    } catch (err) {
      this._fail(err);
    }
  }
}

/** What download() returns: fetches the content of a link from the peers in its room. */
export class DownloadSession extends TransferSession {
  /**
   * @param {{room: string, contentId: string}} target
   * @param {Omit<import('./mesh.js').PeerMeshOptions, 'room'> & {engine?: import('./engine.js').SwarmEngine|null, storage?: 'auto'|'memory'|'opfs'}} options
   */
  constructor(target, options = {}) {
    super({ ...options, room: target.room });
    this.room = target.room;
    this.contentId = target.contentId;
    /** @type {import('./engine.js').ManifestSummary|null} */
    this.manifest = null;
    /** @type {Blob|null} the verified content once done */
    this.result = null;
    this._storage = options.storage ?? 'auto';
    /** whether the transfer reported that no connected peer has a missing piece */
    this._stalled = false;
    queueMicrotask(() => { void this._start(); });
  }

  /**
   * Saves the finished download (file picker where available, else a browser download).
   * @param {{picker?: boolean}} [options]
   */
  async save(options) {
    if (!this.result || !this.manifest) throw new SwarmRtcError(ErrorCodes.SAVE_FAILED, 'the download is not complete');
    // Several files: one save per file, cut from the concatenated content (still disk-backed).
    let offset = 0;
    for (const file of this.manifest.files) {
      await saveBlob(this.result.slice(offset, offset + file.size), file.path, options);
      offset += file.size;
    }
  }

  async _start() {
    try {
      this.mesh.on('peer', () => { if (this.phase === 'waiting' || this.phase === 'unreachable') this._setPhase('connecting'); });
      // The engine takes the swarm channel as soon as it exists, so it misses none of its messages
      // (the far side sends HANDSHAKE the moment the channel opens); the phase waits for a connection.
      this.mesh.on('channel', ({ label }) => { if (label === 'swarm' && !this.transfer && this.engine) this._startTransfer(); });
      this.mesh.on('peers', (connected) => {
        if (connected.length === 0) return;
        if (!this.transfer) this._startTransfer();
        if (!this.manifest && (this.phase === 'connecting' || this.phase === 'joining')) this._setPhase('fetching-manifest');
        // A download that waited for peers goes on (the transfer says so if they lack the pieces).
        if (this.manifest && !this._stalled && ['connecting', 'waiting', 'unreachable', 'stalled'].includes(this.phase)) this._setPhase('downloading');
      });
      this.mesh.on('peer-left', ({ error }) => {
        if (error) this.emit('warning', error); // ICE_TIMEOUT / ICE_FAILED: say why, not just "gone"
        if (this.mesh.links.size > 0 || this.phase === 'done' || this.phase === 'closed') return;
        if (error) this._setPhase('unreachable', 'cannot connect to the peers sharing this link');
        else this._waitForPeers();
      });
      this._setPhase('joining');
      const { peers } = await this.mesh.join();
      if (this.phase === 'closed') return;
      if (peers.length === 0) this._waitForPeers();
      else if (this.phase === 'joining') this._setPhase('connecting');
    } catch (err) {
      this._fail(err);
    }
  }

  _waitForPeers() {
    if (this.manifest) {
      // Mid-download: the peers with the missing pieces left; the transfer reports PIECES_UNAVAILABLE.
      this._setPhase('stalled', 'nobody online has the pieces still missing; waiting for someone who has them');
      return;
    }
    this._setPhase('waiting', 'nobody is sharing this link right now; waiting for the sharer to come back');
    this.emit('warning', new SwarmRtcError(ErrorCodes.NO_SEEDERS, 'nobody in the room has the content'));
  }

  _startTransfer() {
    try {
      const engine = this._requireEngine();
      const transfer = engine.fetch({
        contentId: this.contentId, mesh: this.mesh, openStore: (g) => this._openStore(g),
        shelf: this._usesOpfs() ? opfsDownloads : null, // keeps the manifest: a reloaded page resumes
      });
      this._attachTransfer(transfer);
      transfer.on('manifest', (/** @type {import('./engine.js').ManifestSummary} */ m) => {
        this.manifest = m;
        this.emit('manifest', m);
        this._setPhase('downloading');
      });
      // No connected peer has a missing piece (the only complete copy left): say so until one does.
      transfer.on('availability', (a) => {
        this._stalled = a.stalled;
        if (this.phase === 'done' || this.phase === 'closed') return;
        if (a.stalled) {
          this._setPhase('stalled', `${a.unavailablePieces} of ${a.pieceCount} pieces are not available from anyone online; waiting for someone who has them`);
        } else if (this.phase === 'stalled') {
          this._setPhase('downloading');
        }
      });
      transfer.on('done', ({ blob }) => {
        this.result = blob;
        this._setPhase('done');
        this.emit('done', { blob });
      });
    } catch (err) {
      this._fail(err);
    }
  }

  _usesOpfs() {
    return this._storage === 'opfs' || (this._storage === 'auto' && opfsAvailable());
  }

  /** @param {{name: string, totalSize: number, pieceSize: number}} g */
  async _openStore(g) {
    if (this._usesOpfs()) return OpfsStore.open(g);
    if (g.totalSize > MEMORY_STORE_LIMIT) {
      throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'this browser cannot store large downloads (no Origin Private File System)');
    }
    return new MemoryStore(g);
  }
}

/**
 * Parses the link and starts a download; a malformed link yields a session that fails with BAD_LINK.
 * @param {string} link
 * @param {ConstructorParameters<typeof DownloadSession>[1]} [options]
 */
export function startDownload(link, options = {}) {
  let target;
  try {
    target = parseDownloadLink(link);
  } catch (err) {
    return failedSession(/** @type {SwarmRtcError} */ (err));
  }
  return new DownloadSession(target, options);
}

/**
 * A closed session that reports `err` asynchronously, so callers attach listeners first.
 * @param {SwarmRtcError} err
 */
function failedSession(err) {
  const session = new Emitter();
  Object.assign(session, {
    phase: 'closed', error: err, progress: null, manifest: null, result: null,
    close() {}, async save() { throw err; },
    snapshot: () => ({ phase: 'closed', error: err.code, progress: null, peers: { count: 0, peers: [] }, speed: null }),
  });
  queueMicrotask(() => { session.emit('error', err); session.emit('close', undefined); });
  return /** @type {any} */ (session);
}
