/**
 * Where uploads read their blocks. A peer asks for a piece block by block (and several peers often
 * ask for the same piece), so whole pieces are read once and kept in a small LRU bounded in bytes;
 * pieces this browser just downloaded and verified go straight into it, so serving them needs no
 * read-back. A piece whose write is still in flight is never read from the store before the write
 * lands. Nothing here holds more than `maxBytes` (plus one piece) of content in memory.
 * @module swarm-engine/piece-source
 */

/** @typedef {{readBlock(index: number, offset: number, length: number): Promise<Uint8Array>}} BlockReader */

export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

export class PieceSource {
  /**
   * @param {{pieceLength: (piece: number) => number, store?: BlockReader|Promise<BlockReader>|null, maxBytes?: number}} options
   */
  constructor({ pieceLength, store = null, maxBytes = DEFAULT_CACHE_BYTES }) {
    this._pieceLength = pieceLength;
    this._maxBytes = maxBytes;
    /** @type {Promise<BlockReader>|null} */
    this._store = store ? Promise.resolve(store) : null;
    /** @type {Map<number, Promise<Uint8Array>>} insertion order = recency */
    this._cache = new Map();
    /** @type {Map<number, number>} piece -> bytes it counts for */
    this._sizes = new Map();
    this._cachedBytes = 0;
    /** @type {Map<number, Promise<unknown>>} piece -> its write to the store */
    this._writes = new Map();
  }

  /** Reads from now on go to this store (e.g. the finished file once a download is complete). */
  setStore(/** @type {BlockReader|Promise<BlockReader>} */ store) {
    this._store = Promise.resolve(store);
  }

  /**
   * A verified piece that is being written: cached at once, and no store read of it happens before
   * `written` settles.
   * @param {number} piece @param {Uint8Array} data @param {Promise<unknown>} written
   */
  put(piece, data, written) {
    const settled = written.then(() => {}, () => {});
    this._writes.set(piece, settled);
    void settled.then(() => { if (this._writes.get(piece) === settled) this._writes.delete(piece); });
    this._remember(piece, Promise.resolve(data), data.byteLength);
  }

  /**
   * A block of a piece as a view into the cached piece (do not modify).
   * @param {number} piece @param {number} offset @param {number} length
   * @returns {Promise<Uint8Array>}
   */
  async block(piece, offset, length) {
    let entry = this._cache.get(piece);
    if (entry) {
      this._cache.delete(piece); // refresh its place in the LRU
      this._cache.set(piece, entry);
    } else {
      entry = this._read(piece);
      this._remember(piece, entry, this._pieceLength(piece));
      entry.catch(() => { if (this._cache.get(piece) === entry) this._forget(piece); });
    }
    const data = await entry;
    return data.subarray(offset, offset + length);
  }

  /** Pieces currently cached (for tests and diagnostics). */
  cachedPieces() {
    return [...this._cache.keys()];
  }

  /** @param {number} piece */
  async _read(piece) {
    await this._writes.get(piece);
    const current = this._store;
    if (!current) throw new Error(`piece ${piece}: no store to read from yet`);
    try {
      return await (await current).readBlock(piece, 0, this._pieceLength(piece));
    } catch (err) {
      // The store was swapped meanwhile (a finished download closes its store for the final file).
      if (this._store === current) throw err;
      return (await this._store).readBlock(piece, 0, this._pieceLength(piece));
    }
  }

  /** @param {number} piece @param {Promise<Uint8Array>} entry @param {number} size */
  _remember(piece, entry, size) {
    if (this._cache.has(piece)) this._forget(piece);
    this._cache.set(piece, entry);
    this._sizes.set(piece, size);
    this._cachedBytes += size;
    // Evict the least recently used, but always keep the newest entry.
    for (const old of this._cache.keys()) {
      if (this._cachedBytes <= this._maxBytes || old === piece) break;
      this._forget(old);
    }
  }

  /** @param {number} piece */
  _forget(piece) {
    if (!this._cache.delete(piece)) return;
    this._cachedBytes -= this._sizes.get(piece) ?? 0;
    this._sizes.delete(piece);
  }
}
