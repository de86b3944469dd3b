// Download page: reads #room=...&content=... from the fragment and fetches the content.
import { download, formatBytes, formatDuration } from '../lib/index.js';
import { $, app, describeError, formatRate, renderPeers, setStatus, showError, trackServerConnection } from './ui.js';

const state = app();
const status = $('status');

const PHASES = {
  joining: ['Connecting to the server…', 'warn'],
  connecting: ['Connecting to peers…', 'warn'],
  waiting: ['Nobody is sharing this link right now. Waiting…', 'warn'],
  unreachable: ['Cannot connect to the people sharing this link.', 'bad'],
  'fetching-manifest': ['Getting the file list…', 'warn'],
  downloading: ['Downloading…', 'ok'],
  stalled: ['Stalled: some pieces are not available from anyone online. Waiting for someone who has them…', 'bad'],
  done: ['Done: every piece verified.', 'ok'],
};

function start() {
  state.download?.close();
  const session = download(location.href);
  state.download = session;
  showError($('error'), null);

  session.on('status', ({ phase, message }) => {
    const [text, tone] = PHASES[phase] ?? [message ?? phase, 'idle'];
    if (phase !== 'closed') setStatus(status, text, /** @type {any} */ (tone));
    if (phase === 'downloading' || phase === 'done') hideWarning(['NO_SEEDERS', 'PIECES_UNAVAILABLE']);
  });
  trackServerConnection(session, $('server-notice'));
  session.on('manifest', (m) => {
    $('manifest-name').textContent = m.name || m.files[0]?.path || 'Download';
    $('manifest-summary').textContent = `${m.files.length} file${m.files.length === 1 ? '' : 's'}, ${formatBytes(m.totalSize)}`;
    $('manifest-size').textContent = formatBytes(m.totalSize);
    $('manifest-files').replaceChildren(...m.files.map((f) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('span'), { textContent: f.path }),
        Object.assign(document.createElement('span'), { className: 'muted', textContent: formatBytes(f.size) }));
      return li;
    }));
  });
  session.on('progress', (p) => {
    $('progress').value = p.fraction;
    $('progress-text').textContent = `${(p.fraction * 100).toFixed(1)} % · ${formatBytes(p.verifiedBytes)} of ${formatBytes(p.totalBytes)}`;
  });
  session.on('speed', (s) => {
    $('download-speed').textContent = formatRate(s.down);
    $('eta').textContent = formatDuration(s.etaSeconds);
  });
  session.on('peers', (info) => {
    $('peer-count').textContent = String(info.count);
    renderPeers($('peer-list'), info);
  });
  session.on('warning', (err) => {
    if (!['NO_SEEDERS', 'PIECES_UNAVAILABLE', 'PIECE_VERIFICATION_FAILED', 'MANIFEST_MISMATCH', 'ICE_TIMEOUT', 'ICE_FAILED'].includes(err.code)) return;
    const el = $('warning');
    const counts = err.code === 'PIECES_UNAVAILABLE' && err.details
      ? ` (${err.details.unavailablePieces} of ${err.details.pieceCount} pieces missing)` : '';
    el.textContent = describeError(err) + counts;
    el.dataset.code = err.code;
    el.classList.remove('hidden');
  });
  session.on('done', () => {
    $('save').disabled = false;
    $('warning').classList.add('hidden');
    $('eta').textContent = '0 s';
  });
  session.on('error', (err) => {
    setStatus(status, err.code === 'BAD_LINK' ? 'This link does not work.' : 'The download stopped.', 'bad');
    showError($('error'), err);
  });
}

/** Hides the warning when it shows one of `codes` (the situation it described is over). @param {string[]} codes */
function hideWarning(codes) {
  const el = $('warning');
  if (codes.includes(el.dataset.code ?? '')) {
    el.classList.add('hidden');
    delete el.dataset.code;
  }
}

$('save').addEventListener('click', async () => {
  try {
    await state.download?.save();
  } catch (err) {
    if (!(/** @type {any} */ (err)?.details?.cancelled)) showError($('error'), /** @type {any} */ (err));
  }
});
window.addEventListener('hashchange', start);
start();
