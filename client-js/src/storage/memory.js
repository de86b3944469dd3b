/**
 * In-memory piece store for small contents and tests. Holds the pieces written so far, sparsely.
 * @module storage/memory
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';
import { PieceGeometry } from './store.js';

/** A PieceStore (see store.js). */
export class MemoryStore {
  /** @param {{totalSize: number, pieceSize: number}} geometry */
  constructor({ totalSize, pieceSize }) {
    this.geometry = new PieceGeometry(totalSize, pieceSize);
    this.totalSize = totalSize;
    this.pieceSize = pieceSize;
    this.pieceCount = this.geometry.pieceCount;
    /** @type {Map<number, Uint8Array>} */
    this._pieces = new Map();
    this._closed = false;
  }

  /** @param {number} index @param {Uint8Array} data */
  async writePiece(index, data) {
    this._checkOpen();
    this.geometry.checkPiece(index, data);
    this._pieces.set(index, data.slice()); // a copy: the caller may reuse its buffer
  }

  /** @param {number} index @param {number} offset @param {number} length */
  async readBlock(index, offset, length) {
    this._checkOpen();
    this.geometry.blockRange(index, offset, length);
    const piece = this._pieces.get(index);
    if (!piece) throw new SwarmRtcError(ErrorCodes.STORAGE_RANGE, `piece ${index} was never written`);
    return piece.slice(offset, offset + length);
  }

  /** The content as one Blob; pieces never written read as zeros. */
  async getBlob() {
    this._checkOpen();
    const parts = [];
    for (let i = 0; i < this.pieceCount; i++) parts.push(this._pieces.get(i) ?? new Uint8Array(this.geometry.pieceLength(i)));
    return new Blob(/** @type {BlobPart[]} */ (parts));
  }

  async close() { this._closed = true; }

  async destroy() {
    this._closed = true;
    this._pieces.clear();
  }

  _checkOpen() {
    if (this._closed) throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'the store is closed');
  }
}
