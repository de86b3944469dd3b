/**
 * What the browser keeps of downloads in the Origin Private File System besides their piece data
 * (opfs.js), and the clean-up of it all:
 * - `<content id>.manifest`: the manifest of a download, so a reloaded page resumes from the
 *   pieces already on disk (each checked against the manifest's SHA-256 first);
 * - `<content id>.done`: written once every piece is on disk;
 * - a download's files go when its session ends (cancelled or finished: remove), and at the start
 *   of a download the leftovers of others are swept: finished ones, and unfinished ones untouched
 *   for `STALE_MS`, unless a live session (this tab or another) holds the download's Web Lock.
 *
 * @example
 * const release = opfsDownloads.hold(contentId);       // while the session lives
 * await opfsDownloads.saveManifest(contentId, manifest.bytes);
 * const bytes = await opfsDownloads.loadManifest(contentId); // after a reload
 * @module storage/opfs-downloads
 */
import { opfsAvailable } from './opfs.js';

const DIR = 'swarmrtc';
const MANIFEST = '.manifest';
const DONE = '.done';
/** Unfinished downloads nobody touched for this long are swept. */
export const STALE_MS = 7 * 24 * 60 * 60 * 1000;

/** @param {string} name */
const lockName = (name) => `swarmrtc-download:${name}`;

async function dir() {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

/** @param {string} fileName @param {Uint8Array} bytes */
async function writeFile(fileName, bytes) {
  const handle = await (await dir()).getFileHandle(fileName, { create: true });
  const w = await handle.createWritable();
  try {
    await w.write({ type: 'write', position: 0, data: /** @type {BufferSource} */ (bytes) });
  } finally {
    await w.close();
  }
}

/** @param {string} fileName */
async function removeFile(fileName) {
  try {
    await (await dir()).removeEntry(fileName);
  } catch (err) {
    if (/** @type {Error} */ (err)?.name !== 'NotFoundError') throw err;
  }
}

/**
 * The manifest kept for a download, or null.
 * @param {string} name content id
 * @returns {Promise<Uint8Array|null>}
 */
export async function loadManifest(name) {
  if (!opfsAvailable()) return null;
  try {
    const file = await (await (await dir()).getFileHandle(name + MANIFEST)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

/** @param {string} name @param {Uint8Array} bytes the manifest's canonical bytes */
export function saveManifest(name, bytes) {
  return writeFile(name + MANIFEST, bytes);
}

/** Marks a download as complete on disk (the sweep may remove it once no session holds it). @param {string} name */
export function markDone(name) {
  return writeFile(name + DONE, new Uint8Array(0));
}

/** Deletes a download's data, manifest and marker. @param {string} name */
export async function removeDownload(name) {
  for (const suffix of ['', MANIFEST, DONE]) await removeFile(name + suffix);
}

/**
 * Holds the download's Web Lock until the returned function is called, so no sweep (in any tab)
 * removes it meanwhile. Without Web Locks it does nothing.
 * @param {string} name
 * @returns {() => void} release
 */
export function holdDownload(name) {
  const locks = globalThis.navigator?.locks;
  if (!locks) return () => {};
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((resolve) => { release = () => resolve(undefined); });
  locks.request(lockName(name), () => held).catch(() => {});
  return release;
}

/**
 * Removes other downloads' leftovers: finished ones, and unfinished ones untouched for `staleMs`,
 * skipping those a live session holds. Best effort: never throws.
 * @param {{keep?: string, now?: number, staleMs?: number}} [options] keep: a content id to leave alone
 * @returns {Promise<string[]>} the content ids removed
 */
export async function sweepDownloads({ keep, now = Date.now(), staleMs = STALE_MS } = {}) {
  const removed = [];
  if (!opfsAvailable()) return removed;
  try {
    /** @type {Map<string, {done: boolean, modified: number}>} */
    const found = new Map();
    for await (const [fileName, handle] of /** @type {any} */ (await dir()).entries()) {
      if (handle.kind !== 'file') continue;
      const name = fileName.endsWith(MANIFEST) ? fileName.slice(0, -MANIFEST.length)
        : fileName.endsWith(DONE) ? fileName.slice(0, -DONE.length) : fileName;
      const entry = found.get(name) ?? { done: false, modified: 0 };
      if (fileName.endsWith(DONE)) entry.done = true;
      else entry.modified = Math.max(entry.modified, (await handle.getFile()).lastModified);
      found.set(name, entry);
    }
    for (const [name, { done, modified }] of found) {
      if (name === keep || !(done || now - modified >= staleMs)) continue;
      if (await ifNotHeld(name, () => removeDownload(name))) removed.push(name);
    }
  } catch {
    // a sweep that fails leaves files for the next one
  }
  return removed;
}

/** Runs `task` unless a session holds the download's lock; whether it ran. @param {string} name @param {() => Promise<void>} task */
async function ifNotHeld(name, task) {
  const locks = globalThis.navigator?.locks;
  try {
    if (!locks) {
      await task();
      return true;
    }
    return await locks.request(lockName(name), { ifAvailable: true }, async (/** @type {unknown} */ lock) => {
      if (!lock) return false;
      await task();
      return true;
    });
  } catch {
    return false; // e.g. the data file is open in another tab's worker
  }
}

/** The functions the swarm engine uses to resume and clean up OPFS downloads (engine.js `downloads`). */
export const opfsDownloads = Object.freeze({
  loadManifest, saveManifest, markDone, removeDownload, holdDownload, sweepDownloads,
});
