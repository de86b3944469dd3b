// Small DOM helpers shared by the pages. No framework: the pages are small.
import { ErrorCodes, IceFailureCauses, formatBytes } from '../lib/index.js';

/** @param {string} id @returns {any} */
export const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
};

/** Messages for the error codes a user can meet; anything else shows its own message. */
const FRIENDLY = {
  [ErrorCodes.BAD_LINK]: 'This link is not a valid swarmrtc link. Ask the sender to copy it again.',
  [ErrorCodes.NO_SEEDERS]: 'Nobody is sharing this link right now. The download starts when the sharer is back online.',
  [ErrorCodes.PIECES_UNAVAILABLE]: 'Some pieces are not available from anyone online right now (the only complete copy went offline). The download finishes by itself when someone who has them comes back.',
  [ErrorCodes.PIECE_VERIFICATION_FAILED]: 'A piece failed verification and was discarded; it is being fetched again from another peer.',
  [ErrorCodes.MANIFEST_MISMATCH]: 'A peer sent content that does not match this link; it was ignored.',
  [ErrorCodes.NOT_IMPLEMENTED]: 'File transfer is not available in this build yet.',
  [ErrorCodes.ROOM_FULL]: 'This room is full.',
  [ErrorCodes.BAD_PASSWORD]: 'Wrong room password.',
  [ErrorCodes.BAD_ROOM_NAME]: 'Room names use 1-64 letters, digits, "-" or "_".',
  [ErrorCodes.SIGNALING_GAVE_UP]: 'Cannot reach the server. Check your connection and reload.',
  [ErrorCodes.STORAGE_FAILED]: 'The browser could not store the download (disk full or storage blocked).',
  [ErrorCodes.NO_FILES]: 'Choose at least one file to share.',
  [ErrorCodes.ICE_TIMEOUT]: 'Could not connect to a peer: no network path between you (a firewall, or no TURN relay configured).',
  [ErrorCodes.ICE_FAILED]: 'The connection to a peer failed and could not be restored.',
};

/** What to tell the user when the library names the likely cause of ICE_TIMEOUT / ICE_FAILED. */
const LIKELY_CAUSE = {
  [IceFailureCauses.TURN_CREDENTIALS_REJECTED]: 'Could not connect to a peer: you need the relay server, and it rejected this page\'s credentials (expired or misconfigured). Reload the page; if that does not help, the server\'s TURN secret is wrong.',
  [IceFailureCauses.TURN_UNREACHABLE]: 'Could not connect to a peer: there is no direct path between you, and the relay server could not be reached (UDP and TCP port 3478 blocked?).',
  [IceFailureCauses.NO_TURN_SERVER]: 'Could not connect to a peer: there is no direct path between you, and this server offers no relay.',
};

/** @param {{code?: string, message?: string, details?: Record<string, unknown>}} err */
export function describeError(err) {
  const cause = err?.details?.likelyCause;
  return (typeof cause === 'string' && LIKELY_CAUSE[cause]) || (FRIENDLY[err?.code ?? ''] ?? err?.message ?? String(err));
}

/**
 * @param {HTMLElement} el
 * @param {string} text
 * @param {'ok'|'warn'|'bad'|'idle'} [tone]
 */
export function setStatus(el, text, tone = 'idle') {
  el.textContent = text;
  el.dataset.tone = tone;
}

/** @param {HTMLElement} el @param {{code?: string, message?: string}|null} err */
export function showError(el, err) {
  el.classList.toggle('hidden', !err);
  el.textContent = err ? describeError(err) : '';
  if (err?.code) el.dataset.code = err.code;
  else delete el.dataset.code;
}

/** @param {number} bytesPerSecond */
export const formatRate = (bytesPerSecond) => `${formatBytes(Math.round(bytesPerSecond))}/s`;

/**
 * Renders the per-peer list (stable ids and data attributes for tests).
 * @param {HTMLElement} list
 * @param {{peers: Array<{peerId: string, connected: boolean, path: string}>}} info
 */
export function renderPeers(list, info) {
  list.replaceChildren(...info.peers.map((p) => {
    const li = document.createElement('li');
    li.dataset.peerId = p.peerId;
    li.dataset.path = p.path;
    li.dataset.connected = String(p.connected);
    const id = document.createElement('code');
    id.className = 'peer';
    id.textContent = `${p.peerId.slice(0, 8)}…`;
    const badge = document.createElement('span');
    badge.className = `badge ${p.path}`;
    badge.textContent = !p.connected ? 'connecting' : p.path === 'unknown' ? 'connected' : p.path;
    li.append(id, badge);
    return li;
  }));
}

/** The global object e2e tests read (window.swarmrtcApp). */
export function app() {
  const w = /** @type {any} */ (window);
  w.swarmrtcApp ??= { page: document.body.dataset.page, share: null, download: null, chat: null };
  return w.swarmrtcApp;
}

/**
 * Shows or hides the page's "lost the server" notice for a session's `server` events.
 * @param {{on: (type: 'server', fn: (e: {connected: boolean}) => void) => unknown}} session
 * @param {HTMLElement} notice
 */
export function trackServerConnection(session, notice) {
  session.on('server', ({ connected }) => notice.classList.toggle('hidden', connected));
}
