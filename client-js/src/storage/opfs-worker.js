/**
 * Dedicated worker behind OpfsStore: owns the file's FileSystemSyncAccessHandle (available only
 * in workers), so piece writes are positioned, synchronous and do not copy the file.
 *
 * Requests: {id, op: 'open', dir, name, size} | {id, op: 'write', at, data: ArrayBuffer} |
 * {id, op: 'write-hash', at, data: ArrayBuffer} (writes, then replies the data's SHA-256) |
 * {id, op: 'hash', at, length} (the SHA-256 of stored bytes: checking pieces on resume) |
 * {id, op: 'read', at, length} | {id, op: 'flush'} | {id, op: 'close'}.
 * Replies: {id, ok: true, data?} or {id, ok: false, name, message}.
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
      const data = new Uint8Array(req.data);
      let done = 0;
      while (done < data.byteLength) done += handle.write(data.subarray(done), { at: req.at + done });
      return undefined;
    }
    case 'write-hash': {
      // The write happens before the first await: writes land in the order they were asked for.
      const data = new Uint8Array(req.data);
      let done = 0;
      while (done < data.byteLength) done += handle.write(data.subarray(done), { at: req.at + done });
      return crypto.subtle.digest('SHA-256', data);
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

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  const req = ev.data;
  try {
    const data = await run(req);
    self.postMessage({ id: req.id, ok: true, data }, data ? [data] : []);
  } catch (err) {
    const e = /** @type {Error} */ (err);
    self.postMessage({ id: req.id, ok: false, name: e?.name ?? 'Error', message: e?.message ?? String(err) });
  }
};
