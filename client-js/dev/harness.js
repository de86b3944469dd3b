// Development harness (see harness-run.py): real Chromium RTCPeerConnections, in-page signaling hub.
import { joinChat } from './lib/index.js';
import { PeerMesh } from './lib/mesh.js';
import { OpfsStore } from './lib/storage/opfs.js';

const hub = { sockets: new Map(), rooms: new Map(), n: 0 };
class HubSocket {
  constructor(url) { this.url = url; this.readyState = 0; setTimeout(() => { this.readyState = 1; this.onopen?.({}); }); }
  send(data) { const msg = JSON.parse(data); setTimeout(() => route(this, msg)); }
  close() { if (this.readyState === 3) return; this.readyState = 3; leave(this); }
  deliver(obj) { setTimeout(() => { if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(obj) }); }); }
}
function leave(s) {
  if (!s.id) return;
  hub.sockets.delete(s.id);
  const room = hub.rooms.get(s.room);
  room.delete(s.id);
  for (const id of room) hub.sockets.get(id).deliver({ type: 'peer-left', peerId: s.id });
}
function route(s, msg) {
  if (msg.type === 'join') {
    s.id = `peer${String(++hub.n).padStart(18, '0')}`; s.room = msg.room;
    const room = hub.rooms.get(msg.room) ?? new Set(); hub.rooms.set(msg.room, room);
    s.deliver({ type: 'joined', room: msg.room, peerId: s.id, resumeToken: 'x', peers: [...room], resumed: false });
    for (const id of room) hub.sockets.get(id).deliver({ type: 'peer-joined', peerId: s.id });
    room.add(s.id); hub.sockets.set(s.id, s);
  } else if (['offer', 'answer', 'candidate'].includes(msg.type)) {
    const { to, ...rest } = msg;
    hub.sockets.get(to)?.deliver({ ...rest, from: s.id });
  } else if (msg.type === 'ping') s.deliver({ type: 'pong' });
  else if (msg.type === 'leave') leave(s);
}
const opts = { WebSocket: HubSocket, signalingUrl: 'ws://hub/ws', iceServers: [] };
const until = (fn, ms = 10000) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const tick = () => { try { if (fn()) return resolve(); } catch (e) { return reject(e); } if (performance.now() - t0 > ms) reject(new Error('timeout: ' + fn)); else setTimeout(tick, 20); };
  tick();
});

const dbg = [];
window.dbg = dbg;
function watch(name, mesh) {
  for (const ev of ['warning', 'peer', 'peer-connected', 'peer-left', 'channel', 'joined', 'error']) mesh.on(ev, (p) => dbg.push([name, ev, p?.code ?? p?.peerId ?? p?.label ?? '', p?.message ?? p?.error?.code + ' ' + p?.error?.message]));
  mesh.on('peer', ({ link }) => { link.on('state', (s) => dbg.push([name, 'state', JSON.stringify(s)])); link.pc.addEventListener('signalingstatechange', () => dbg.push([name, 'sig', link.pc.signalingState])); });
}
window.harness = async () => {
  const out = {};
  try { return await run(out); } catch (e) { return { error: String(e), out, dbg }; }
};
async function run(out) {
  // 1. chat between two sessions (two real peer connections in one page)
  const a = joinChat('room1', opts); watch('a', a.mesh); await a.ready;
  const b = joinChat('room1', opts); watch('b', b.mesh); await b.ready;
  const t0 = performance.now();
  await until(() => a.peers.length === 1 && b.peers.length === 1);
  out.chatConnectMs = Math.round(performance.now() - t0);
  await a.send('hello from a');
  await until(() => b.messages.length === 1);
  out.chat = b.messages[0].text + ' / from=' + (b.messages[0].from === a.peerId);
  // Perfect negotiation in a real browser: both sides restart ICE at the same moment (offer glare).
  const la = a.mesh.links.get(b.peerId); const lb = b.mesh.links.get(a.peerId);
  la.restartIce(); lb.restartIce();
  await until(() => la.pc.signalingState === 'stable' && lb.pc.signalingState === 'stable' && la.pc.connectionState === 'connected' && lb.pc.connectionState === 'connected');
  await b.send('after glare');
  await until(() => a.messages.some((m) => m.text === 'after glare'));
  out.glare = { restartsA: la._restarts, restartsB: lb._restarts, aPolite: la.polite, bPolite: lb.polite, stillConnected: true };
  await b.mesh.links.get(a.peerId).refreshPath();
  out.path = b.mesh.links.get(a.peerId).path;
  a.close(); await until(() => b.peers.length === 0); out.leftSeen = true; b.close();

  // 2. swarm channel with backpressure: 16 MiB in 64 KiB messages
  const m1 = new PeerMesh({ room: 'room2', ...opts }); await m1.join();
  const m2 = new PeerMesh({ room: 'room2', ...opts }); await m2.join();
  await until(() => m1.channels('swarm').size === 1 && m2.channels('swarm').size === 1 && [...m1.channels('swarm').values()][0].readyState === 'open' && [...m2.channels('swarm').values()][0].readyState === 'open');
  const tx = [...m2.channels('swarm').values()][0]; const rx = [...m1.channels('swarm').values()][0];
  let got = 0; let maxBuffered = 0; rx.on('message', (d) => { got += d.byteLength; });
  const chunk = new Uint8Array(65536); const t1 = performance.now();
  for (let i = 0; i < 256; i++) { await tx.send(chunk); maxBuffered = Math.max(maxBuffered, tx.bufferedAmount); }
  await until(() => got === 256 * 65536, 30000);
  out.swarm = { mib: 16, ms: Math.round(performance.now() - t1), maxBuffered, binaryType: rx.dc.binaryType };
  try { await tx.send(new Uint8Array(262145)); } catch (e) { out.tooLarge = e.code; }
  m1.close(); m2.close();

  // 3. OPFS store
  const store = await OpfsStore.open({ name: 'harness-test', totalSize: 40000, pieceSize: 16384 });
  out.opfsMode = store.mode;
  const content = Uint8Array.from({ length: 40000 }, (_, i) => (i * 7) & 255);
  for (let i = 2; i >= 0; i--) await store.writePiece(i, content.subarray(i * 16384, Math.min(40000, (i + 1) * 16384)));
  const block = await store.readBlock(1, 100, 10);
  out.opfsBlockOk = block.every((v, k) => v === content[16384 + 100 + k]);
  const file = await store.getBlob();
  const all = new Uint8Array(await file.arrayBuffer());
  out.opfsFileOk = file instanceof File && all.length === 40000 && all.every((v, k) => v === content[k]);
  await store.destroy();
  const s2 = await OpfsStore.open({ name: 'harness-test2', totalSize: 20000, pieceSize: 16384, useWorker: false });
  out.opfsFallbackMode = s2.mode;
  await s2.writePiece(1, content.subarray(0, 20000 - 16384));
  out.opfsFallbackOk = (await s2.readBlock(1, 0, 5)).every((v, k) => v === content[k]);
  await s2.destroy();
  return out;
};
