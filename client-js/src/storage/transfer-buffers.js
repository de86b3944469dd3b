/**
 * Reusable buffers for handing pieces to the storage worker. A piece is copied into one of these
 * and transferred (not cloned) to the worker, which transfers it back with its reply, so a download
 * reuses a few buffers instead of allocating a fresh piece-sized ArrayBuffer for every piece
 * (allocation and zero-filling cost more on the page's thread than the copy itself).
 * @module storage/transfer-buffers
 */
export class TransferBuffers {
  /** @param {number} size bytes per buffer (the piece size) @param {number} [keep] buffers kept */
  constructor(size, keep = 8) {
    this.size = size;
    this.keep = keep;
    /** @type {ArrayBuffer[]} */
    this._free = [];
  }

  /**
   * A copy of data in a pooled buffer (a view of exactly data's length at offset 0).
   * @param {Uint8Array} data at most `size` bytes
   */
  copyOf(data) {
    if (data.byteLength > this.size) return data.slice();
    const buffer = this._free.pop() ?? new ArrayBuffer(this.size);
    const view = new Uint8Array(buffer, 0, data.byteLength);
    view.set(data);
    return view;
  }

  /** A buffer the worker gave back; kept if it fits the pool. @param {ArrayBuffer|undefined} buffer */
  giveBack(buffer) {
    if (buffer instanceof ArrayBuffer && buffer.byteLength === this.size && this._free.length < this.keep) {
      this._free.push(buffer);
    }
  }
}
