/**
 * Read-only piece store over the files a user shares. `new Blob(files)` is disk-backed in
 * browsers, so serving a 1 GiB share reads only the requested blocks, never the whole file.
 * @module storage/blob
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';
import { PieceGeometry } from './store.js';

/** A PieceStore (see store.js). */
export class BlobStore {
  /**
   * @param {Blob|Blob[]} content one Blob or the files in manifest order
   * @param {number} pieceSize
   */
  constructor(content, pieceSize) {
    this.blob = Array.isArray(content) ? new Blob(content) : content;
    this.geometry = new PieceGeometry(this.blob.size, pieceSize);
    this.totalSize = this.blob.size;
    this.pieceSize = pieceSize;
    this.pieceCount = this.geometry.pieceCount;
  }

  async writePiece() {
    throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'shared files are read-only');
  }

  /** @param {number} index @param {number} offset @param {number} length */
  async readBlock(index, offset, length) {
    const [start, end] = this.geometry.blockRange(index, offset, length);
    try {
      return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
    } catch (err) {
      // NotReadableError: the user changed or removed the file after picking it.
      throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, `cannot read the shared file: ${/** @type {Error} */ (err).message}`, { cause: err });
    }
  }

  /**
   * `count` whole pieces from `first` on, in one read.
   * @param {number} first @param {number} count
   */
  async readPieces(first, count) {
    const start = this.geometry.pieceOffset(first);
    const last = first + count - 1;
    const end = this.geometry.pieceOffset(last) + this.geometry.pieceLength(last);
    try {
      return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
    } catch (err) {
      throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, `cannot read the shared file: ${/** @type {Error} */ (err).message}`, { cause: err });
    }
  }

  async getBlob() { return this.blob; }
  async close() {}
  async destroy() {}
}
