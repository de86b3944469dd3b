/**
 * The piece store interface and the geometry all stores share.
 *
 * A store keeps the bytes of one content (the files of a manifest concatenated in order) and
 * nothing else: the engine writes only verified pieces and reads only pieces it knows it has.
 * Stores check ranges (STORAGE_RANGE) but never validate content.
 *
 * @typedef {object} PieceStore
 * @property {number} totalSize bytes of content
 * @property {number} pieceSize bytes per piece (the last may be shorter)
 * @property {number} pieceCount
 * @property {(index: number, data: Uint8Array) => Promise<void>} writePiece writes a whole piece at its offset
 * @property {(index: number, offset: number, length: number) => Promise<Uint8Array>} readBlock a block within a piece
 * @property {() => Promise<Blob>} getBlob the whole content (disk-backed where the store is)
 * @property {() => Promise<void>} close releases handles; the data stays
 * @property {() => Promise<void>} destroy closes and deletes the data
 * @module storage/store
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';

/** Immutable piece geometry with range checks. */
export class PieceGeometry {
  /** @param {number} totalSize @param {number} pieceSize */
  constructor(totalSize, pieceSize) {
    if (!Number.isSafeInteger(totalSize) || totalSize < 0) throw new RangeError(`bad totalSize ${totalSize}`);
    if (!Number.isSafeInteger(pieceSize) || pieceSize <= 0) throw new RangeError(`bad pieceSize ${pieceSize}`);
    this.totalSize = totalSize;
    this.pieceSize = pieceSize;
    this.pieceCount = Math.ceil(totalSize / pieceSize);
    Object.freeze(this);
  }

  /** @param {number} index @returns {number} */
  pieceLength(index) {
    this.checkIndex(index);
    return Math.min(this.pieceSize, this.totalSize - index * this.pieceSize);
  }

  /** @param {number} index @returns {number} */
  pieceOffset(index) {
    this.checkIndex(index);
    return index * this.pieceSize;
  }

  /** @param {number} index */
  checkIndex(index) {
    if (!Number.isInteger(index) || index < 0 || index >= this.pieceCount) {
      throw new SwarmRtcError(ErrorCodes.STORAGE_RANGE, `piece ${index} is outside 0..${this.pieceCount - 1}`);
    }
  }

  /**
   * Absolute [start, end) of a block, checked against its piece.
   * @param {number} index @param {number} offset @param {number} length
   * @returns {[number, number]}
   */
  blockRange(index, offset, length) {
    const pieceLength = this.pieceLength(index);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0 || offset + length > pieceLength) {
      throw new SwarmRtcError(ErrorCodes.STORAGE_RANGE, `block ${offset}+${length} is outside piece ${index} (${pieceLength} bytes)`);
    }
    const start = index * this.pieceSize + offset;
    return [start, start + length];
  }

  /**
   * Checks that `data` is exactly piece `index`.
   * @param {number} index @param {Uint8Array} data
   */
  checkPiece(index, data) {
    const expected = this.pieceLength(index);
    if (!(data instanceof Uint8Array) || data.byteLength !== expected) {
      throw new SwarmRtcError(ErrorCodes.STORAGE_RANGE, `piece ${index} must be a Uint8Array of ${expected} bytes, got ${data?.byteLength}`);
    }
  }
}
