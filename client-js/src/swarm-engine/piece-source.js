/**
 * Where uploads read their blocks. A peer asks for a piece block by block (and several peers often
 * ask for the same piece), so whole pieces are read once and kept in a small LRU bounded in bytes;
 * pieces this browser just downloaded and verified go straight into it, so serving them needs no
 * read-back. A piece whose write is still in flight is never read from the store before the write
 * lands. Nothing here holds more than `maxBytes` (plus one read) of content in memory.
 *
 * A seed's store holds every piece, so a miss there reads `readAhead` pieces in one go (a store
 * with `readPieces`): each read of a shared File costs Chromium a Blob.slice and a trip to the
 * browser process (profiled: about a quarter of the sharer's main thread with one read per
 * 256 KiB piece), and peers ask for pieces roughly in order.
 * @module swarm-engine/piece-source
 */

/**
 * @typedef {{readBlock(index: number, offset: number, length: number): Promise<Uint8Array>,
 *   readPieces?: (first: number, count: number) => Promise<Uint8Array>}} BlockReader
 */

export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

export class PieceSource {
  /**
   * @param {{pieceLength: (piece: number) => number, store?: BlockReader|Promise<BlockReader>|null, maxBytes?: number,
   *   readAhead?: (piece: number) => number}} options
   *   readAhead: how many pieces from `piece` on one miss may read at once (only pieces the store
   *   surely holds; default 1)
   */
  constructor({ pieceLength, store = null, maxBytes = DEFAULT_CACHE_BYTES, readAhead = () => 1 }) {
    this._pieceLength = pieceLength;
    this._maxBytes = maxBytes;
    this._readAhead = readAhead;
    /** @type {Promise<BlockReader>|null} */
    this._store = store ? Promise.resolve(store) : null;
    /** @type {Map<number, Promise<Uint8Array>>} insertion order = recency */
    this._cache = new Map();
    /** @type {Map<number, number>} piece -> bytes it counts for */
    this._sizes = new Map();
    this._cachedBytes = 0;
    /** @type {Map<number, Promise<unknown>>} piece -> its write to the store */
    this._writes = new Map();
    /** Bytes read from the store so far (cache misses; a diagnostic for benchmarks). */
    this.bytesRead = 0;
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
      entry = this._readMany(piece);
    }
    const data = await entry;
    return data.subarray(offset, offset + length);
  }

  /** Pieces currently cached (for tests and diagnostics). */
  cachedPieces() {
    return [...this._cache.keys()];
  }

  /**
   * Starts reading `piece` and, where allowed, the uncached pieces after it; caches them all.
   * @param {number} piece @returns {Promise<Uint8Array>}
   */
  _readMany(piece) {
    let count = 1;
    const wanted = Math.max(1, Math.floor(this._readAhead(piece)));
    let bytes = this._pieceLength(piece);
    while (count < wanted && !this._cache.has(piece + count)
        && bytes + this._pieceLength(piece + count) <= this._maxBytes / 2) {
      bytes += this._pieceLength(piece + count);
      count += 1;
    }
    this.bytesRead += bytes;
    const run = count > 1 ? this._readRun(piece, count) : this._read(piece).then((data) => [data]);
    let first = null;
    for (let i = count - 1; i >= 0; i--) { // the first piece ends up the most recent
      const entry = run.then((pieces) => pieces[i]);
      this._remember(piece + i, entry, this._pieceLength(piece + i));
      entry.catch(() => { if (this._cache.get(piece + i) === entry) this._forget(piece + i); });
      if (i === 0) first = entry;
    }
    return /** @type {Promise<Uint8Array>} */ (first);
  }

  /** @param {number} first @param {number} count @returns {Promise<Uint8Array[]>} */
  async _readRun(first, count) {
    const store = await this._store;
    if (!store) throw new Error(`piece ${first}: no store to read from yet`);
    if (!store.readPieces) return Promise.all(Array.from({ length: count }, (_, i) => this._read(first + i)));
    const data = await store.readPieces(first, count);
    const out = [];
    for (let i = 0, at = 0; i < count; i++) {
      const n = this._pieceLength(first + i);
      out.push(data.subarray(at, at + n));
      at += n;
    }
    return out;
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
