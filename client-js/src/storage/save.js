/**
 * Saving a finished download to the user's disk.
 *
 * With the File System Access API (Chromium desktop) the user picks a place and the content is
 * streamed there. Elsewhere an <a download> of the Blob: for an OPFS-backed File the browser copies
 * from disk, so a 1 GiB download does not grow the tab's memory.
 * @module storage/save
 */
import { ErrorCodes, SwarmRtcError } from '../errors.js';

/**
 * A file name without directories or characters the OS forbids.
 * @param {string} path a manifest path such as "photos/2024/a.jpg"
 * @returns {string}
 */
export function safeFileName(path) {
  const base = path.split('/').filter(Boolean).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"\\|?*]/g, '_').replace(/^\.+/, '_').trim();
  return cleaned.slice(0, 200) || 'download';
}

/**
 * @param {Blob} blob
 * @param {string} name suggested file name
 * @param {{picker?: boolean, window?: any}} [options] picker=false forces the <a download> path
 * @returns {Promise<'picker'|'download'>} how it was saved
 * @throws {SwarmRtcError} SAVE_FAILED (details.cancelled when the user closed the dialog)
 */
export async function saveBlob(blob, name, options = {}) {
  const win = options.window ?? globalThis;
  const fileName = safeFileName(name);
  if (options.picker !== false && typeof win.showSaveFilePicker === 'function') {
    let handle;
    try {
      handle = await win.showSaveFilePicker({ suggestedName: fileName });
    } catch (err) {
      const cancelled = /** @type {Error} */ (err)?.name === 'AbortError';
      throw new SwarmRtcError(ErrorCodes.SAVE_FAILED, cancelled ? 'saving was cancelled' : `cannot save: ${/** @type {Error} */ (err).message}`, { cause: err, details: { cancelled } });
    }
    try {
      const writable = await handle.createWritable();
      await blob.stream().pipeTo(writable); // closes the writable when done
      return 'picker';
    } catch (err) {
      throw new SwarmRtcError(ErrorCodes.SAVE_FAILED, `cannot write the file: ${/** @type {Error} */ (err).message}`, { cause: err });
    }
  }
  const doc = win.document;
  if (!doc) throw new SwarmRtcError(ErrorCodes.SAVE_FAILED, 'no document to start a download from');
  const url = win.URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The download starts asynchronously; revoking at once can cancel it.
  win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
  return 'download';
}
