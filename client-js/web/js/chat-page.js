// Chat page: the room comes from #room=...; without one, a small form picks it.
import { joinChat, parseChatRoom, randomRoom } from '../lib/index.js';
import { $, app, describeError, setStatus, showError } from './ui.js';

const state = app();
const log = $('chat-log');

/** @param {string} text @param {string} [cls] @param {string} [meta] */
function append(text, cls = '', meta = '') {
  const li = document.createElement('li');
  if (cls) li.className = cls;
  if (meta) li.append(Object.assign(document.createElement('span'), { className: 'meta', textContent: meta }));
  li.append(document.createTextNode(text));
  log.append(li);
  log.scrollTop = log.scrollHeight;
  return li;
}

/** @param {string} room */
function join(room) {
  state.chat?.close();
  $('room-card').classList.add('hidden');
  $('chat-card').classList.remove('hidden');
  $('chat-room').textContent = `· ${room}`;
  log.replaceChildren();
  showError($('error'), null);
  const chat = joinChat(room);
  state.chat = chat;
  const status = $('status');
  setStatus(status, 'Connecting…', 'warn');
  chat.on('status', ({ phase }) => {
    if (phase === 'joined') setStatus(status, chat.peers.length ? 'Connected' : 'Waiting for others to join…', chat.peers.length ? 'ok' : 'warn');
    if (phase === 'reconnecting') setStatus(status, 'Reconnecting…', 'warn');
  });
  chat.on('peers', ({ count }) => {
    $('peer-count').textContent = String(count);
    if (chat.phase === 'joined') setStatus(status, count ? 'Connected' : 'Waiting for others to join…', count ? 'ok' : 'warn');
  });
  chat.on('message', (m) => {
    const li = append(m.text, m.self ? 'self' : '', `${m.self ? 'you' : m.from.slice(0, 8)} · ${new Date(m.ts).toLocaleTimeString()}`);
    li.dataset.from = m.from;
    li.dataset.self = String(m.self);
  });
  chat.on('error', (err) => {
    setStatus(status, 'Disconnected', 'bad');
    showError($('error'), err);
  });
}

function fromFragment() {
  try {
    const room = parseChatRoom(location.hash);
    if (room) join(room);
    else {
      state.chat?.close();
      $('room-card').classList.remove('hidden');
      $('chat-card').classList.add('hidden');
    }
  } catch (err) {
    showError($('room-error'), /** @type {any} */ (err));
  }
}

$('room-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  location.hash = `room=${encodeURIComponent($('room-input').value.trim())}`;
});
$('new-room').addEventListener('click', () => { location.hash = `room=${randomRoom()}`; });
$('chat-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('chat-input');
  const text = input.value;
  if (!text.trim() || !state.chat) return;
  try {
    await state.chat.send(text);
    input.value = '';
  } catch (err) {
    append(describeError(/** @type {any} */ (err)), 'system');
  }
});
window.addEventListener('hashchange', fromFragment);
fromFragment();
