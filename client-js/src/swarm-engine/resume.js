/**
 * Resuming a download after a page reload: the manifest kept in storage (checked against the
 * content id, like one fetched from a peer) and the pieces already stored, each counted only if its
 * SHA-256 matches the manifest (a piece whose write was cut off, or that was stored before it
 * failed verification, is fetched again).
 * @module swarm-engine/resume
 */
import { Bitfield } from '../swarm/bitfield.js';
import { decodeManifest } from '../swarm/manifest.js';
import { toHex } from '../swarm/bytes.js';

/** Pieces hashed at once while checking a stored download. */
const PARALLEL_CHECKS = 4;

/**
 * @typedef {object} DownloadShelf where a download's manifest and bookkeeping live (storage/opfs-downloads.js)
 * @property {(name: string) => Promise<Uint8Array|null>} loadManifest
 * @property {(name: string, bytes: Uint8Array) => Promise<void>} saveManifest
 * @property {(name: string) => Promise<void>} markDone
 * @property {(name: string) => Promise<void>} removeDownload
 * @property {(name: string) => () => void} holdDownload
 * @property {(options: {keep?: string}) => Promise<string[]>} sweepDownloads
 */

/**
 * @param {string} contentId lowercase hex
 * @param {DownloadShelf} shelf
 * @param {(g: {name: string, totalSize: number, pieceSize: number}) => Promise<import('../storage/store.js').PieceStore>} openStore
 * @param {(data: Uint8Array) => Promise<Uint8Array>} sha256
 * @returns {Promise<{manifest: import('../swarm/manifest.js').Manifest, store: import('../storage/store.js').PieceStore, have: Bitfield}|null>}
 *   null when nothing (usable) was kept
 */
export async function resumeDownload(contentId, shelf, openStore, sha256) {
  const bytes = await shelf.loadManifest(contentId);
  if (!bytes || toHex(await sha256(bytes)) !== contentId) return null;
  let manifest;
  try {
    manifest = decodeManifest(bytes);
  } catch {
    return null;
  }
  const store = await openStore({ name: contentId, totalSize: manifest.totalSize, pieceSize: manifest.pieceSize });
  const have = new Bitfield(manifest.pieceCount);
  const hashPiece = /** @type {any} */ (store).hashPiece
    ? (/** @type {number} */ p) => /** @type {any} */ (store).hashPiece(p)
    : async (/** @type {number} */ p) => sha256(await store.readBlock(p, 0, manifest.pieceLength(p)));
  let next = 0;
  const worker = async () => {
    for (let p = next++; p < manifest.pieceCount; p = next++) {
      let digest = null;
      try {
        digest = await hashPiece(p);
      } catch {
        digest = null; // never written (a sparse store) or unreadable: fetched again
      }
      if (digest && manifest.pieceHashEquals(p, digest)) have.set(p);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CHECKS }, worker));
  return { manifest, store, have };
}
