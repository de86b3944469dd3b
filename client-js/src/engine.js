/**
 * The seam between the public API (share/download sessions, which own signaling, peers, stores,
 * speed and status) and the swarm engine, which runs the pure state machine of src/swarm/
 * (session.js) over the `swarm` data channels. Until one is
 * registered (index.js registers src/swarm-engine/), share() and download() end with NOT_IMPLEMENTED.
 *
 * What an engine must provide (the sessions rely on exactly this):
 *
 * - `seed({files, mesh, name?, pieceSize?})` -> EngineTransfer. Hashes the files into a manifest
 *   (reading them through a BlobStore), emits `manifest` once, then serves every peer of `mesh`
 *   that opens a `swarm` channel.
 * - `fetch({contentId, mesh, openStore, shelf?})` -> EngineTransfer. Gets the manifest from peers
 *   (or, with a `shelf`, resumes what a previous page kept: swarm-engine/resume.js),
 *   checks its content id, calls `openStore({name, totalSize, pieceSize})` once for a PieceStore,
 *   downloads and verifies pieces into it, serves what it has, emits `done` with the content.
 *
 * EngineTransfer is an Emitter with close() and these events:
 * - `manifest` ManifestSummary
 * - `progress` {verifiedBytes, totalBytes, verifiedPieces, pieceCount}
 * - `bytes` {direction: 'up'|'down', peerId, bytes} payload bytes of each PIECE sent/received
 * - `piece-failed` {piece, peerIds} a piece failed SHA-256 verification (it is re-fetched)
 * - `peer-content` {peerId, hasManifest, verifiedPieces} what a peer announced (optional)
 * - `done` {blob: Blob} (fetch only) the complete, verified content
 * - `error` SwarmRtcError (terminal)
 * - `warning` SwarmRtcError (optional) what the transfer survives: NO_SEEDERS, MANIFEST_MISMATCH
 * - `banned` {peerId, reason} (optional) a peer was banned for sending a bad piece
 * and optionally `describe()` -> {pieces: string|null, peers: [{peerId, pieces}]} (verified pieces,
 * ours and as each peer announced them, BITFIELD layout in hex).
 *
 * src/swarm-engine/ is the engine; index.js registers it, so share() and download() use it.
 *
 * @typedef {{contentId: string, name: string, files: Array<{path: string, size: number}>, totalSize: number, pieceSize: number, pieceCount: number}} ManifestSummary
 * @typedef {import('./emitter.js').Emitter<any> & {close(): void}} EngineTransfer
 * @typedef {object} SwarmEngine
 * @property {(args: {files: File[], mesh: import('./mesh.js').PeerMesh, name?: string, pieceSize?: number}) => EngineTransfer} seed
 * @property {(args: {contentId: string, mesh: import('./mesh.js').PeerMesh, openStore: (g: {name: string, totalSize: number, pieceSize: number}) => Promise<import('./storage/store.js').PieceStore>, shelf?: any}) => EngineTransfer} fetch
 * @module engine
 */

/** @type {SwarmEngine|null} */
let registered = null;

/**
 * Makes `engine` the default for share() and download().
 * @param {SwarmEngine|null} engine
 */
export function registerEngine(engine) {
  registered = engine;
}

/** @returns {SwarmEngine|null} */
export function registeredEngine() {
  return registered;
}
