/**
 * The swarm engine for browsers (the interface of ../engine.js): `seed` hashes the picked files
 * into a manifest and serves them; `fetch` gets the manifest of a content id from peers, checks
 * it, downloads and verifies pieces into a PieceStore while serving what it has. Both run a
 * SwarmSession (../swarm/session.js) inside a SwarmTransfer (the I/O shell).
 *
 * @example
 * import { registerEngine } from '../engine.js';
 * import { swarmEngine } from './swarm-engine/index.js';
 * registerEngine(swarmEngine); // index.js does this for share() and download()
 * @module swarm-engine
 */
import { ErrorCodes } from '../errors.js';
import { BlobStore } from '../storage/blob.js';
import { SwarmSession } from '../swarm/session.js';
import { buildManifest } from '../swarm/manifest.js';
import { DownloadSink } from './download-sink.js';
import { PieceSource } from './piece-source.js';
import { manifestSummary, progressOf, shareEntries, shareName } from './share-entries.js';
import { resumeDownload } from './resume.js';
import { SwarmTransfer, webCryptoSha256 } from './swarm-transfer.js';

/**
 * Session settings of the browser engine: 64 KiB blocks (the protocol's recommendation), enough
 * requests in flight to keep a fast channel busy (32 x 64 KiB = 2 MiB per peer), and piece hashes
 * computed with WebCrypto instead of in the session.
 */
export const ENGINE_SESSION_CONFIG = Object.freeze({ blockSize: 65536, maxOutstandingPerPeer: 32, externalVerification: true });

/** A seed reads the shared files this many bytes at a time (see piece-source.js). */
const SEED_READ_AHEAD_BYTES = 2 * 1024 * 1024;

/**
 * @param {{files: File[], mesh: import('../mesh.js').PeerMesh, name?: string, pieceSize?: number, scheduler?: import('../scheduler.js').Scheduler, corrupt?: () => boolean}} args
 *   (scheduler and corrupt are for tests; see test-hooks.js)
 * @returns {SwarmTransfer}
 */
export function seed({ files, mesh, name, pieceSize, scheduler, corrupt }) {
  const transfer = new SwarmTransfer({ mesh, scheduler, corrupt });
  void (async () => {
    const entries = shareEntries(files);
    const manifest = await buildManifest(name ?? shareName(entries), entries, { pieceSize });
    const contentId = await manifest.contentId();
    if (transfer.closed) return;
    const store = new BlobStore(entries.map((e) => e.blob), manifest.pieceSize);
    const source = new PieceSource({
      pieceLength: (p) => manifest.pieceLength(p), store,
      readAhead: (p) => Math.min(SEED_READ_AHEAD_BYTES / manifest.pieceSize, manifest.pieceCount - p),
    });
    transfer.begin(SwarmSession.seeding(manifest, ENGINE_SESSION_CONFIG, () => Date.now()), source);
    transfer.emit('manifest', manifestSummary(manifest, contentId));
    transfer.emit('progress', progressOf(manifest, manifest.pieceCount, manifest.totalSize));
  })().catch((err) => transfer.fail(err, err?.name === 'NotReadableError' || err?.name === 'NotFoundError' ? ErrorCodes.STORAGE_FAILED : ErrorCodes.INTERNAL));
  return transfer;
}

/**
 * @param {{contentId: string, mesh: import('../mesh.js').PeerMesh, openStore: (g: {name: string, totalSize: number, pieceSize: number}) => Promise<import('../storage/store.js').PieceStore>,
 *   shelf?: import('./resume.js').DownloadShelf|null, scheduler?: import('../scheduler.js').Scheduler, corrupt?: () => boolean}} args
 *   shelf: where the download keeps its manifest so that a reloaded page resumes (OPFS), see resume.js
 * @returns {SwarmTransfer}
 */
export function fetch({ contentId, mesh, openStore, shelf = null, scheduler, corrupt }) {
  const transfer = new SwarmTransfer({ mesh, scheduler, corrupt });
  const id = contentId.toLowerCase();
  void (async () => {
    await null; // listeners first
    const resumed = shelf ? await resumeDownload(id, shelf, openStore, webCryptoSha256) : null;
    if (shelf) void shelf.sweepDownloads({ keep: id });
    if (transfer.closed) { // closed while resuming: like any closed download, nothing stays
      if (resumed) await resumed.store.destroy();
      if (shelf) await shelf.removeDownload(id);
      return;
    }
    const session = resumed
      ? SwarmSession.resuming(resumed.manifest, resumed.have, ENGINE_SESSION_CONFIG, () => Date.now())
      : SwarmSession.downloading(id, ENGINE_SESSION_CONFIG, () => Date.now());
    const source = new PieceSource({ pieceLength: (p) => /** @type {any} */ (session.manifest).pieceLength(p) });
    const sink = new DownloadSink({ transfer, source, contentId: id, openStore, shelf });
    if (resumed) sink.resumed(resumed.manifest, resumed.store, resumed.have);
    transfer.begin(session, source, sink);
    if (resumed && session.isComplete) sink.completed(); // every piece was on disk already
  })().catch((err) => transfer.fail(err, ErrorCodes.STORAGE_FAILED));
  return transfer;
}

/** @type {import('../engine.js').SwarmEngine} */
export const swarmEngine = Object.freeze({ seed, fetch });
