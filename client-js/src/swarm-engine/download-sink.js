/**
 * The download side of a transfer: opens the PieceStore once the manifest is known, writes every
 * verified piece to it (OPFS for large contents: nothing big stays in memory), reports progress,
 * and on completion hands over the finished content as a disk-backed Blob. After that, uploads
 * read from that Blob, so a finished downloader keeps serving.
 *
 * With a `shelf` (storage/opfs-downloads.js) it also keeps the manifest next to the data, so a
 * reloaded page resumes (resume.js), marks the download done on disk, and deletes it all when the
 * transfer closes, finished or not; it holds the download's lock meanwhile, so no sweep removes it.
 * @module swarm-engine/download-sink
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';
import { BlobStore } from '../storage/blob.js';
import { manifestSummary, progressOf } from './share-entries.js';

export class DownloadSink {
  /**
   * @param {{transfer: import('./swarm-transfer.js').SwarmTransfer, source: import('./piece-source.js').PieceSource,
   *   contentId: string, openStore: (g: {name: string, totalSize: number, pieceSize: number}) => Promise<import('../storage/store.js').PieceStore>,
   *   shelf?: import('./resume.js').DownloadShelf|null}} options
   */
  constructor({ transfer, source, contentId, openStore, shelf = null }) {
    this._transfer = transfer;
    this._source = source;
    this._contentId = contentId;
    this._openStore = openStore;
    this._shelf = shelf;
    this._release = shelf ? shelf.holdDownload(contentId) : () => {};
    /** @type {Promise<import('../storage/store.js').PieceStore>|null} */
    this._store = null;
    /** @type {import('../swarm/manifest.js').Manifest|null} */
    this._manifest = null;
    /** @type {Set<Promise<void>>} */
    this._writes = new Set();
    /** @type {Map<number, Uint8Array>} pieces written while they were hashed (hashAndWrite) */
    this._hashedWrites = new Map();
    this._pieces = 0;
    this._bytes = 0;
    this._done = false;
  }

  /** The manifest arrived from a peer. @param {import('../swarm/manifest.js').Manifest} m */
  manifest(m) {
    this._begin(m, this._openStore({ name: this._contentId, totalSize: m.totalSize, pieceSize: m.pieceSize }));
    this._shelf?.saveManifest(this._contentId, m.bytes).catch(() => {}); // without it a reload starts over
  }

  /**
   * The download resumes with what a previous page stored (resume.js).
   * @param {import('../swarm/manifest.js').Manifest} m @param {import('../storage/store.js').PieceStore} store
   * @param {import('../swarm/bitfield.js').Bitfield} have the stored pieces that verified
   */
  resumed(m, store, have) {
    for (let p = 0; p < have.size; p++) {
      if (have.get(p)) {
        this._pieces += 1;
        this._bytes += m.pieceLength(p);
      }
    }
    this._begin(m, Promise.resolve(store));
  }

  /** @param {import('../swarm/manifest.js').Manifest} m @param {Promise<import('../storage/store.js').PieceStore>} store */
  _begin(m, store) {
    this._manifest = m;
    this._store = store;
    this._store.catch((err) => this._transfer.fail(err, ErrorCodes.STORAGE_FAILED));
    this._source.setStore(this._store);
    this._transfer.emit('manifest', manifestSummary(m, this._contentId));
    this._transfer.emit('progress', progressOf(m, this._pieces, this._bytes));
  }

  /**
   * The SHA-256 of a complete piece. A store that can (OPFS) writes the piece while hashing it in
   * its worker, so store() of the verified piece has nothing left to write; a piece that fails
   * is simply overwritten later.
   * @param {number} piece @param {Uint8Array} data
   * @param {(data: Uint8Array) => Promise<Uint8Array>} hash what hashes without a store that can
   * @returns {Promise<Uint8Array>}
   */
  async digest(piece, data, hash) {
    const store = await /** @type {Promise<import('../storage/store.js').PieceStore>} */ (this._store);
    if (typeof store.hashAndWrite !== 'function') return hash(data);
    const digest = await store.hashAndWrite(piece, data);
    this._hashedWrites.set(piece, data);
    return digest;
  }

  /** @param {number} piece @param {Uint8Array} data a verified piece (ours to keep) */
  store(piece, data) {
    const m = /** @type {import('../swarm/manifest.js').Manifest} */ (this._manifest);
    const written = this._hashedWrites.get(piece) === data;
    this._hashedWrites.delete(piece);
    const write = written ? Promise.resolve()
      : /** @type {Promise<import('../storage/store.js').PieceStore>} */ (this._store).then((s) => s.writePiece(piece, data));
    this._source.put(piece, data, write);
    this._writes.add(write);
    write.then(() => {
      this._writes.delete(write);
      this._pieces += 1;
      this._bytes += data.byteLength;
      if (!this._transfer.closed) this._transfer.emit('progress', progressOf(m, this._pieces, this._bytes));
    }, (err) => this._transfer.fail(err, ErrorCodes.STORAGE_FAILED));
  }

  completed() {
    void this._finish().catch((err) => this._transfer.fail(err, ErrorCodes.STORAGE_FAILED));
  }

  close() {
    // A closed download, cancelled or finished (the user saved it or let it go), leaves nothing
    // behind in the browser's storage. A page that is reloaded never gets here: it resumes.
    const store = this._store;
    const shelf = this._shelf;
    const release = this._release;
    void (async () => {
      try {
        if (store) await (await store).destroy();
        await shelf?.removeDownload(this._contentId);
      } catch { /* the next sweep removes what is left */ }
      release();
    })();
  }

  async _finish() {
    const m = /** @type {import('../swarm/manifest.js').Manifest} */ (this._manifest);
    const store = await /** @type {Promise<import('../storage/store.js').PieceStore>} */ (this._store);
    while (this._writes.size > 0) await Promise.all([...this._writes]);
    if (this._transfer.closed) return;
    // Reads switch to the finished file before the store lets go of its handle.
    const blob = store.getBlob();
    this._source.setStore(blob.then((b) => new BlobStore(b, m.pieceSize)));
    const content = await blob;
    if (content.size !== m.totalSize) throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, `stored ${content.size} bytes, expected ${m.totalSize}`);
    this._done = true;
    this._shelf?.markDone(this._contentId).catch(() => {});
    if (!this._transfer.closed) this._transfer.emit('done', { blob: content });
  }
}
