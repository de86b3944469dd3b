/**
 * swarmrtc browser library: the public API.
 *
 * @example
 * import { share, download, joinChat, ErrorCodes } from './lib/index.js';
 * const s = share(fileInput.files);
 * s.on('link', ({ url }) => show(url));
 * const d = download(location.href);
 * d.on('progress', ({ fraction }) => bar.value = fraction);
 * d.on('error', (err) => err.code === ErrorCodes.BAD_LINK && complain());
 * const chat = joinChat('team-42');
 * chat.on('message', ({ from, text }) => print(from, text));
 * await chat.send('hello');
 * @module swarmrtc
 */
import { ChatSession } from './chat-session.js';
import { registerEngine } from './engine.js';
import { swarmEngine } from './swarm-engine/index.js';
import { ShareSession, startDownload } from './transfer.js';

registerEngine(swarmEngine);

export { ErrorCodes, SwarmRtcError } from './errors.js';
export { IceFailureCauses } from './ice-diagnosis.js';
export { registerEngine } from './engine.js';
export { buildDownloadLink, parseDownloadLink, parseChatRoom, randomRoom } from './urls.js';
export { formatBytes, formatDuration } from './speed.js';
export { encodeQr, qrSvgPath } from './qr.js';

/**
 * Shares files: joins a fresh room, hashes the files into a manifest and serves them. The `link`
 * event carries the URL to send to others.
 * @param {FileList|File[]} files
 * @param {ConstructorParameters<typeof ShareSession>[1]} [options]
 * @returns {ShareSession}
 */
export function share(files, options) {
  return new ShareSession(Array.from(files ?? []), options);
}

/**
 * Downloads the content of a share link (`.../download.html#room=...&content=...`).
 * @param {string} url the link, or just its fragment
 * @param {Parameters<typeof startDownload>[1]} [options]
 * @returns {import('./transfer.js').DownloadSession}
 */
export function download(url, options) {
  return startDownload(url, options);
}

/**
 * Joins a chat room.
 * @param {string} room 1-64 characters of [A-Za-z0-9_-]
 * @param {ConstructorParameters<typeof ChatSession>[1]} [options]
 * @returns {ChatSession}
 */
export function joinChat(room, options) {
  return new ChatSession(room, options);
}
