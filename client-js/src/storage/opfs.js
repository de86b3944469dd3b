/**
 * Piece store in the Origin Private File System: one file per content, pieces written at their
 * offsets. Large downloads stay on disk: a 1 GiB download does not grow the tab's memory.
 *
 * Writes go through a dedicated worker holding a FileSystemSyncAccessHandle (positioned writes,
 * no copy). Where sync handles are unavailable the store falls back to createWritable() with
 * keepExistingData (slower: browsers may copy the file per write session).
 *
 * @example
 * const store = await OpfsStore.open({ name: contentId, totalSize, pieceSize });
 * await store.writePiece(0, verifiedBytes);
 * const file = await store.getBlob(); // a disk-backed File
 * @module storage/opfs
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';
import { PieceGeometry } from './store.js';
import { TransferBuffers } from './transfer-buffers.js';

const DIR = 'swarmrtc';

/** @param {unknown} err @param {string} what */
const storageError = (err, what) => {
  const e = /** @type {Error} */ (err);
  const quota = e?.name === 'QuotaExceededError';
  return new SwarmRtcError(ErrorCodes.STORAGE_FAILED, `${what}: ${quota ? 'not enough disk space for this download' : e?.message ?? err}`, { cause: err, details: { quota } });
};

/** Whether this browser has OPFS at all. */
export function opfsAvailable() {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/** Talks to opfs-worker.js with request ids. */
class WorkerFile {
  /** @param {Worker} worker */
  constructor(worker) {
    this.worker = worker;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.pending = new Map();
    worker.onmessage = (ev) => {
      const { id, ok, data, name, message } = ev.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve(data);
      else p.reject(Object.assign(new Error(message), { name }));
    };
    worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(ev.message || 'storage worker failed'));
      this.pending.clear();
    };
  }

  /** @param {Record<string, unknown>} req @param {Transferable[]} [transfer] @returns {Promise<any>} */
  call(req, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }
}

/** A PieceStore (see store.js). */
export class OpfsStore {
  /**
   * Opens (creating if needed) the file for one content.
   * @param {{name: string, totalSize: number, pieceSize: number, useWorker?: boolean}} options
   *   name: a file name, e.g. the content id; useWorker=false forces the createWritable path
   * @returns {Promise<OpfsStore>}
   */
  static async open({ name, totalSize, pieceSize, useWorker = true }) {
    if (!opfsAvailable()) throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'this browser has no Origin Private File System');
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(name) || name.startsWith('.')) throw new RangeError(`bad store name ${name}`);
    const geometry = new PieceGeometry(totalSize, pieceSize);
    let fileHandle;
    try {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(DIR, { create: true });
      fileHandle = await dir.getFileHandle(name, { create: true });
    } catch (err) {
      throw storageError(err, 'cannot open browser storage');
    }
    /** @type {WorkerFile|null} */
    let workerFile = null;
    if (useWorker && typeof Worker !== 'undefined') {
      let worker = null;
      try {
        worker = new Worker(new URL('./opfs-worker.js', import.meta.url), { type: 'module', name: 'swarmrtc-opfs' });
        workerFile = new WorkerFile(worker);
        await workerFile.call({ op: 'open', dir: DIR, name, size: totalSize });
      } catch {
        worker?.terminate(); // no sync access handles here: use createWritable below
        workerFile = null;
      }
    }
    const store = new OpfsStore(geometry, fileHandle, workerFile);
    if (!workerFile) {
      try {
        await store._ensureSize();
      } catch (err) {
        throw storageError(err, 'cannot reserve space for the download');
      }
    }
    return store;
  }

  /**
   * @param {PieceGeometry} geometry
   * @param {FileSystemFileHandle} fileHandle
   * @param {WorkerFile|null} workerFile
   */
  constructor(geometry, fileHandle, workerFile) {
    this.geometry = geometry;
    this.totalSize = geometry.totalSize;
    this.pieceSize = geometry.pieceSize;
    this.pieceCount = geometry.pieceCount;
    this.fileHandle = fileHandle;
    this._worker = workerFile;
    /** Whether writes use the worker's sync access handle. */
    this.mode = workerFile ? 'sync-access-handle' : 'writable';
    /** pieces travel to the worker in these and come back with its reply */
    this._buffers = new TransferBuffers(geometry.pieceSize);
    /** @type {Promise<unknown>} writes in order in the fallback path */
    this._chain = Promise.resolve();
    this._closed = false;
  }

  /** @param {number} index @param {Uint8Array} data */
  async writePiece(index, data) {
    this._checkOpen();
    this.geometry.checkPiece(index, data);
    const at = this.geometry.pieceOffset(index);
    try {
      if (this._worker) {
        const copy = this._buffers.copyOf(data); // transferred to the worker; the caller keeps its buffer
        const back = await this._worker.call({ op: 'write', at, data: copy.buffer, length: copy.byteLength }, [copy.buffer]);
        this._buffers.giveBack(back?.buffer);
      } else {
        await this._serial(async () => {
          const w = await this.fileHandle.createWritable({ keepExistingData: true });
          try {
            await w.write({ type: 'write', position: at, data: /** @type {BufferSource} */ (data) });
          } finally {
            await w.close();
          }
        });
      }
    } catch (err) {
      throw storageError(err, `cannot write piece ${index}`);
    }
  }

  /**
   * Writes a complete piece that is not verified yet and returns its SHA-256, both in the storage
   * worker (one trip, no hashing on the page's thread). The caller counts the piece as held only
   * if the digest matches the manifest; a wrong piece on disk is overwritten when it is fetched
   * again and is never served (a resumed download verifies every stored piece). Without the
   * worker this is writePiece plus WebCrypto.
   * @param {number} index @param {Uint8Array} data
   * @returns {Promise<Uint8Array>}
   */
  async hashAndWrite(index, data) {
    if (!this._worker) {
      const [digest] = await Promise.all([crypto.subtle.digest('SHA-256', /** @type {BufferSource} */ (data)), this.writePiece(index, data)]);
      return new Uint8Array(digest);
    }
    this._checkOpen();
    this.geometry.checkPiece(index, data);
    const copy = this._buffers.copyOf(data); // transferred to the worker; the caller keeps its buffer
    try {
      const reply = await this._worker.call({ op: 'write-hash', at: this.geometry.pieceOffset(index), data: copy.buffer, length: copy.byteLength }, [copy.buffer]);
      this._buffers.giveBack(reply.buffer);
      return new Uint8Array(reply.digest);
    } catch (err) {
      throw storageError(err, `cannot write piece ${index}`);
    }
  }

  /**
   * The SHA-256 of the stored bytes of a piece (whatever they are: a resumed download checks each
   * piece against the manifest). Hashed in the worker where there is one.
   * @param {number} index
   * @returns {Promise<Uint8Array>}
   */
  async hashPiece(index) {
    this._checkOpen();
    const length = this.geometry.pieceLength(index);
    if (!this._worker) return new Uint8Array(await crypto.subtle.digest('SHA-256', /** @type {BufferSource} */ (await this.readBlock(index, 0, length))));
    try {
      return new Uint8Array(await this._worker.call({ op: 'hash', at: this.geometry.pieceOffset(index), length }));
    } catch (err) {
      throw storageError(err, `cannot read piece ${index}`);
    }
  }

  /** @param {number} index @param {number} offset @param {number} length */
  async readBlock(index, offset, length) {
    this._checkOpen();
    const [start, end] = this.geometry.blockRange(index, offset, length);
    try {
      if (this._worker) return new Uint8Array(await this._worker.call({ op: 'read', at: start, length }));
      await this._chain;
      const file = await this.fileHandle.getFile();
      return new Uint8Array(await file.slice(start, end).arrayBuffer());
    } catch (err) {
      throw storageError(err, `cannot read piece ${index}`);
    }
  }

  /**
   * The whole content as a disk-backed File. Releases the worker's exclusive handle first,
   * so call it when the download is complete; the store is closed afterwards.
   */
  async getBlob() {
    await this.close();
    try {
      return await this.fileHandle.getFile();
    } catch (err) {
      throw storageError(err, 'cannot read the finished download');
    }
  }

  /** Flushes and releases handles; the file stays. Idempotent. */
  async close() {
    if (this._closed) return;
    this._closed = true;
    await this._chain.catch(() => {});
    if (this._worker) {
      try { await this._worker.call({ op: 'close' }); } catch { /* worker already gone */ }
      this._worker.worker.terminate();
      this._worker = null;
    }
  }

  /** Closes and deletes the file. */
  async destroy() {
    await this.close();
    try {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(DIR, { create: true });
      await dir.removeEntry(this.fileHandle.name);
    } catch (err) {
      if (/** @type {Error} */ (err)?.name !== 'NotFoundError') throw storageError(err, 'cannot delete the download');
    }
  }

  async _ensureSize() {
    const file = await this.fileHandle.getFile();
    if (file.size === this.totalSize) return;
    await this._serial(async () => {
      const w = await this.fileHandle.createWritable({ keepExistingData: true });
      try { await w.truncate(this.totalSize); } finally { await w.close(); }
    });
  }

  /** @template T @param {() => Promise<T>} task @returns {Promise<T>} */
  _serial(task) {
    const run = this._chain.then(task);
    this._chain = run.catch(() => {});
    return run;
  }

  _checkOpen() {
    if (this._closed) throw new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'the store is closed');
  }
}

/**
 * Deletes every stored download (e.g. a "clear storage" button).
 * @returns {Promise<void>}
 */
export async function clearOpfsDownloads() {
  if (!opfsAvailable()) return;
  const root = await navigator.storage.getDirectory();
  try {
    await root.removeEntry(DIR, { recursive: true });
  } catch (err) {
    if (/** @type {Error} */ (err)?.name !== 'NotFoundError') throw storageError(err, 'cannot clear storage');
  }
}
