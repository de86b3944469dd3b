/**
 * Dedicated worker behind OpfsStore: owns the file's FileSystemSyncAccessHandle (available only
 * in workers), so piece writes are positioned, synchronous and do not copy the file.
 *
 * Requests: {id, op: 'open', dir, name, size} | {id, op: 'write', at, data: ArrayBuffer, length?} |
 * {id, op: 'write-hash', at, data: ArrayBuffer, length?} (writes, then replies the data's SHA-256) |
 * {id, op: 'hash', at, length} (the SHA-256 of stored bytes: checking pieces on resume) |
 * {id, op: 'read', at, length} | {id, op: 'flush'} | {id, op: 'close'}.
 * Replies: {id, ok: true, data?} or {id, ok: false, name, message}. A write's `data` is the first
 * `length` bytes of its buffer (all of it without `length`); the buffer goes back to the page with
 * the reply ({buffer} for write, {digest, buffer} for write-hash), so the page can reuse it.
 */
/** @type {FileSystemSyncAccessHandle|null} */
let handle = null;

/** @param {any} req */
async function run(req) {
  switch (req.op) {
    case 'open': {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(req.dir, { create: true });
      const file = await dir.getFileHandle(req.name, { create: true });
      handle = await /** @type {any} */ (file).createSyncAccessHandle();
      if (handle.getSize() !== req.size) handle.truncate(req.size);
      return undefined;
    }
    case 'write': {
      writeFully(req);
      return { buffer: req.data };
    }
    case 'write-hash': {
      // The write happens before the first await: writes land in the order they were asked for.
      const digest = await crypto.subtle.digest('SHA-256', writeFully(req));
      return { digest, buffer: req.data };
    }
    case 'read': return readFully(req.at, req.length).buffer;
    case 'hash': return crypto.subtle.digest('SHA-256', readFully(req.at, req.length));
    case 'flush':
      handle.flush();
      return undefined;
    case 'close':
      handle?.flush();
      handle?.close();
      handle = null;
      return undefined;
    default:
      throw new TypeError(`unknown op ${req.op}`);
  }
}

/** Writes a write request's bytes at its offset; returns them. @param {any} req */
function writeFully(req) {
  const data = new Uint8Array(req.data, 0, req.length ?? req.data.byteLength);
  let done = 0;
  while (done < data.byteLength) done += handle.write(data.subarray(done), { at: req.at + done });
  return data;
}

/** @param {number} at @param {number} length */
function readFully(at, length) {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = handle.read(out.subarray(done), { at: at + done });
    if (n === 0) throw new RangeError(`short read at ${at + done}`);
    done += n;
  }
  return out;
}

/** The ArrayBuffers of a reply, moved rather than copied. @param {unknown} data @returns {ArrayBuffer[]} */
function transferables(data) {
  if (data instanceof ArrayBuffer) return [data];
  if (data && typeof data === 'object') return Object.values(data).filter((v) => v instanceof ArrayBuffer);
  return [];
}

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  const req = ev.data;
  try {
    const data = await run(req);
    self.postMessage({ id: req.id, ok: true, data }, transferables(data));
  } catch (err) {
    const e = /** @type {Error} */ (err);
    self.postMessage({ id: req.id, ok: false, name: e?.name ?? 'Error', message: e?.message ?? String(err) });
  }
};
