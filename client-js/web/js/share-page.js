// Share page: pick or drop files, then show the link, its QR code and who is downloading.
// The page keeps its room in its fragment (#room=...): sharing the same files again, after a stop
// or a reload, gives the same link, so downloaders waiting on it get their missing pieces.
import { formatBytes, parseChatRoom, randomRoom, share } from '../lib/index.js';
import { renderQr } from './qr-view.js';
import { $, app, formatRate, renderPeers, setStatus, showError, trackServerConnection } from './ui.js';

const state = app();
const fileInput = $('file-input');
const dropZone = $('drop-zone');

/** @param {File[]} files */
function start(files) {
  if (files.length === 0) return;
  state.share?.close();
  $('pick-card').classList.add('hidden');
  $('share-card').classList.remove('hidden');
  $('file-list').replaceChildren(...files.map((f) => {
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('span'), { textContent: f.name }),
      Object.assign(document.createElement('span'), { className: 'muted', textContent: formatBytes(f.size) }));
    return li;
  }));
  $('total-size').textContent = formatBytes(files.reduce((sum, f) => sum + f.size, 0));
  showError($('error'), null);

  const session = share(files, { room: pageRoom() });
  state.share = session;
  const status = $('status');
  session.on('status', ({ phase, message }) => {
    const text = {
      joining: 'Connecting to the server…', preparing: 'Hashing files…', sharing: 'Sharing. Keep this tab open.', closed: 'Stopped.',
    }[phase] ?? message ?? phase;
    setStatus(status, message && phase !== 'sharing' ? message : text, phase === 'sharing' ? 'ok' : phase === 'closed' ? 'idle' : 'warn');
  });
  trackServerConnection(session, $('server-notice'));
  session.on('link', ({ url }) => {
    $('share-link').value = url;
    $('copy-link').disabled = false;
    try {
      renderQr($('qr'), url);
    } catch {
      $('qr').textContent = 'Link too long for a QR code.';
    }
  });
  session.on('peers', (info) => {
    $('peer-count').textContent = String(info.count);
    renderPeers($('peer-list'), info);
  });
  session.on('speed', ({ up, bytesServed }) => {
    $('upload-speed').textContent = formatRate(up);
    $('bytes-served').textContent = formatBytes(bytesServed);
  });
  session.on('error', (err) => {
    setStatus(status, 'Not sharing.', 'bad');
    showError($('error'), err);
  });
}

/** The room in the page's fragment, written there on first use. */
function pageRoom() {
  let room = null;
  try {
    room = parseChatRoom(location.hash);
  } catch { /* not a valid room: pick a fresh one */ }
  if (!room) {
    room = randomRoom();
    history.replaceState(null, '', `#room=${room}`);
  }
  return room;
}

fileInput.addEventListener('change', () => start(Array.from(fileInput.files ?? [])));
for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (ev) => { ev.preventDefault(); dropZone.classList.add('dragging'); });
}
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (ev) => {
  ev.preventDefault();
  dropZone.classList.remove('dragging');
  start(Array.from(ev.dataTransfer?.files ?? []));
});
$('copy-link').addEventListener('click', async () => {
  const link = $('share-link');
  try {
    await navigator.clipboard.writeText(link.value);
    $('copy-link').textContent = 'Copied';
  } catch {
    link.select(); // clipboard blocked: leave it selected for Ctrl+C
  }
});
$('stop-share').addEventListener('click', () => {
  state.share?.close();
  state.share = null;
  fileInput.value = '';
  $('share-card').classList.add('hidden');
  $('pick-card').classList.remove('hidden');
  $('share-link').value = '';
  $('copy-link').disabled = true;
  $('copy-link').textContent = 'Copy';
  $('qr').replaceChildren();
});
window.addEventListener('beforeunload', (ev) => {
  if (state.share && state.share.phase === 'sharing' && state.share.peersInfo().count > 0) ev.preventDefault();
});
