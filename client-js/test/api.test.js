// The public API over a scripted server (fake WebSocket) and fake peer connections: checks the
// wiring of signaling -> mesh -> peer links -> channels -> sessions without a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Emitter } from '../src/emitter.js';
import { download, joinChat, share } from '../src/index.js';
import { CONTENT, env, ME, OTHER } from './support/api-env.js';
import { flush } from './support/fake-channel.js';
import { FakeRTCPeerConnection } from './support/fake-rtc.js';
import { recordEvents } from './support/fakes.js';

/** An engine double: records calls and hands the test its transfer emitter. */
function fakeEngine() {
  const calls = [];
  const transfer = Object.assign(new Emitter(), { closed: false, close() { this.closed = true; } });
  return {
    calls, transfer,
    seed: (args) => { calls.push(['seed', args]); return transfer; },
    fetch: (args) => { calls.push(['fetch', args]); return transfer; },
  };
}

describe('joinChat', () => {
  it('joins, answers a newcomer, and chats over the chat channel it opens', async () => {
    const { options, sockets, serverJoins, fetched } = env();
    const chat = joinChat('lobby', options);
    const log = recordEvents(chat, ['status', 'peers', 'message']);
    const join = await serverJoins([]);
    assert.deepEqual(join, { type: 'join', room: 'lobby' });
    assert.equal(await chat.ready, ME);
    assert.match(fetched[0], /\/api\/ice-servers\?peer=bWUtbWUtbWUtbWUtbWUtbWU$/);

    sockets[0].serverSend({ type: 'peer-joined', peerId: OTHER });
    sockets[0].serverSend({ type: 'offer', from: OTHER, sdp: 'o1' });
    await flush();
    assert.deepEqual(JSON.parse(sockets[0].sent.at(-1)), { type: 'answer', to: OTHER, sdp: 'answer-o1' });
    const pc = FakeRTCPeerConnection.instances[0];
    assert.deepEqual(pc.config.iceServers, [{ urls: ['stun:127.0.0.1:3478'] }]);

    const dc = pc.remoteChannel('chat');
    dc.receive('{"type":"chat","text":"hi there","ts":42}');
    await chat.send('hello back');
    assert.deepEqual(JSON.parse(dc.sent[0]), { type: 'chat', text: 'hello back', ts: 1_700_000_000_000 });
    assert.deepEqual(log.filter(([n]) => n === 'message').map(([, m]) => [m.from, m.text, m.self]),
      [[OTHER, 'hi there', false], [ME, 'hello back', true]]);
    assert.deepEqual(log.find(([n]) => n === 'peers')[1], { count: 1, peers: [OTHER] });
    assert.equal(chat.phase, 'joined');
    chat.close();
    assert.equal(pc.closed, true);
  });

  it('as the newcomer offers to the peers already there, with only a chat channel', async () => {
    const { options, sockets, serverJoins } = env();
    const chat = joinChat('lobby', options);
    await serverJoins([OTHER]);
    await flush();
    const pc = FakeRTCPeerConnection.instances[0];
    assert.deepEqual(pc.createdChannels.map((c) => c.label), ['chat']);
    assert.deepEqual(JSON.parse(sockets[0].sent.at(-1)), { type: 'offer', to: OTHER, sdp: 'offer-1' });
    chat.close();
  });

  it('fails with the server code when the room refuses the join', async () => {
    const { options, sockets } = env();
    const chat = joinChat('lobby', { ...options, password: 'wrong' });
    const log = recordEvents(chat, ['error', 'close']);
    sockets[0].serverOpen();
    sockets[0].serverSend({ type: 'error', code: 'BAD_PASSWORD', message: 'no', fatal: false });
    await assert.rejects(chat.ready, { code: 'BAD_PASSWORD' });
    assert.deepEqual(log.map(([n, p]) => [n, p?.code]), [['error', 'BAD_PASSWORD'], ['close', undefined]]);
  });

  it('refuses an invalid room name at once', () => {
    assert.throws(() => joinChat('bad room'), { code: 'BAD_ROOM_NAME' });
  });
});

describe('download', () => {
  it('fails with BAD_LINK for a malformed link, without touching the network', async () => {
    const { options, sockets } = env();
    const d = download('https://example.org/download.html#room=r', options);
    const log = recordEvents(d, ['error', 'close']);
    await flush();
    assert.deepEqual(log.map(([n, p]) => [n, p?.code]), [['error', 'BAD_LINK'], ['close', undefined]]);
    assert.equal(sockets.length, 0);
  });

  it('says nobody is sharing when the room is empty, and connects when someone arrives', async () => {
    const { options, serverJoins, sockets } = env();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine: null });
    const log = recordEvents(d, ['status', 'warning']);
    await serverJoins([]);
    assert.equal(d.phase, 'waiting');
    assert.ok(log.some(([n, p]) => n === 'warning' && p.code === 'NO_SEEDERS'));
    sockets[0].serverSend({ type: 'peer-joined', peerId: OTHER }); // the sharer comes back
    assert.equal(d.phase, 'connecting');
    d.close();
  });

  it('hands the engine the swarm channel at once, fetches once a peer connects, and reports manifest, progress, speed and done', async () => {
    const { options, serverJoins, scheduler } = env();
    const engine = fakeEngine();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine, storage: 'memory' });
    const log = recordEvents(d, ['status', 'manifest', 'progress', 'done', 'peers', 'speed']);
    await serverJoins([OTHER]);
    assert.equal(d.phase, 'connecting');
    assert.deepEqual(engine.calls.map(([name]) => name), ['fetch'], 'the engine holds the swarm channel from its creation, so it misses no message');
    FakeRTCPeerConnection.instances[0].setStates('connected');
    await flush();
    assert.equal(d.phase, 'fetching-manifest');
    assert.equal(engine.calls.length, 1);
    assert.equal(engine.calls[0][0], 'fetch');
    assert.equal(engine.calls[0][1].contentId, CONTENT);
    const store = await engine.calls[0][1].openStore({ name: CONTENT, totalSize: 100, pieceSize: 16_384 });
    assert.equal(store.pieceCount, 1);

    const manifest = { contentId: CONTENT, name: 'a.bin', files: [{ path: 'a.bin', size: 100 }], totalSize: 100, pieceSize: 16_384, pieceCount: 1 };
    engine.transfer.emit('manifest', manifest);
    engine.transfer.emit('bytes', { direction: 'down', peerId: OTHER, bytes: 100 });
    engine.transfer.emit('progress', { verifiedBytes: 100, totalBytes: 100, verifiedPieces: 1, pieceCount: 1 });
    scheduler.advance(1000);
    const blob = new Blob([new Uint8Array(100)]);
    engine.transfer.emit('done', { blob });
    assert.deepEqual(log.find(([n]) => n === 'peers')[1], { count: 1, peers: [{ peerId: OTHER, connected: true, path: 'unknown', bytesUp: 0, bytesDown: 0 }] });
    assert.deepEqual(d.snapshot().peers.peers.map((p) => [p.peerId, p.bytesDown, p.bytesUp]), [[OTHER, 100, 0]], 'bytes per peer');
    assert.equal(log.find(([n]) => n === 'progress')[1].fraction, 1);
    assert.equal(log.find(([n]) => n === 'speed')[1].bytesReceived, 100);
    assert.equal(d.phase, 'done');
    assert.equal(d.result, blob);
    assert.deepEqual(d.snapshot().progress.verifiedPieces, 1);
    d.close();
    assert.equal(engine.transfer.closed, true);
  });

  it('says the download stalled while no peer has the missing pieces, and goes on when one comes back', async () => {
    const { options, serverJoins, sockets } = env();
    const engine = fakeEngine();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine, storage: 'memory' });
    await serverJoins([OTHER]);
    FakeRTCPeerConnection.instances[0].setStates('connected');
    await flush();
    engine.transfer.emit('manifest', { contentId: CONTENT, name: 'a.bin', files: [{ path: 'a.bin', size: 100 }], totalSize: 100, pieceSize: 16_384, pieceCount: 1 });
    assert.equal(d.phase, 'downloading');
    engine.transfer.emit('availability', { stalled: true, missingPieces: 1, unavailablePieces: 1, pieceCount: 1 });
    assert.equal(d.phase, 'stalled');
    sockets[0].serverSend({ type: 'peer-left', peerId: OTHER }); // the sole sharer is gone
    await flush();
    assert.equal(d.phase, 'stalled', 'not "nobody is sharing": the download is under way');
    sockets[0].serverSend({ type: 'peer-joined', peerId: 'c2hhcmVyLWFnYWluLXNoYXJl' });
    await flush();
    assert.equal(d.phase, 'stalled', 'a new peer alone does not mean the pieces are there');
    engine.transfer.emit('availability', { stalled: false, missingPieces: 1, unavailablePieces: 0, pieceCount: 1 });
    assert.equal(d.phase, 'downloading');
    d.close();
  });

  it('turns a piece that failed verification into a PIECE_VERIFICATION_FAILED warning', async () => {
    const { options, serverJoins } = env();
    const engine = fakeEngine();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine });
    const log = recordEvents(d, ['warning']);
    await serverJoins([OTHER]);
    FakeRTCPeerConnection.instances[0].setStates('connected');
    await flush();
    engine.transfer.emit('piece-failed', { piece: 7, peerIds: [OTHER] });
    assert.deepEqual(log.map(([, e]) => [e.code, e.details.piece]), [['PIECE_VERIFICATION_FAILED', 7]]);
    d.close();
  });

  it('says once that the server is lost while it reconnects, and once that it is back', async () => {
    const { options, sockets, scheduler, serverJoins } = env();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine: fakeEngine() });
    const log = recordEvents(d, ['server']);
    await serverJoins([OTHER]);
    assert.deepEqual(log, [], 'the first join is not a reconnect');
    sockets[0].serverClose(1001, 'server stopping');
    scheduler.advance(1_000);
    sockets[1].serverClose(1006); // the server is still down: a failed attempt changes nothing
    scheduler.advance(5_000);
    assert.deepEqual(log.map(([, e]) => e.connected), [false]);
    assert.equal(d.serverLost, true);
    await serverJoins([OTHER], 2);
    assert.deepEqual(log.map(([, e]) => e.connected), [false, true]);
    d.close();
  });
});

describe('share', () => {
  it('fails with NO_FILES for an empty selection', async () => {
    const { options } = env();
    const s = share([], options);
    const log = recordEvents(s, ['error']);
    await flush();
    assert.equal(log[0][1].code, 'NO_FILES');
  });

  it('fails with NOT_IMPLEMENTED while no engine is registered', async () => {
    const { options } = env();
    const s = share([new Blob(['x'])], { ...options, engine: null });
    const log = recordEvents(s, ['error']);
    await flush();
    assert.equal(log[0][1].code, 'NOT_IMPLEMENTED');
  });

  it('publishes the download link once the engine has the manifest', async () => {
    const { options, serverJoins } = env();
    const engine = fakeEngine();
    const files = [new Blob(['hello'])];
    const s = share(files, { ...options, engine, room: 'my-room', origin: 'https://example.org' });
    const log = recordEvents(s, ['link', 'status']);
    await serverJoins([]);
    assert.equal(engine.calls[0][0], 'seed');
    assert.deepEqual(engine.calls[0][1].files, files);
    engine.transfer.emit('manifest', { contentId: CONTENT, name: 'x', files: [], totalSize: 5, pieceSize: 16_384, pieceCount: 1 });
    assert.deepEqual(log.find(([n]) => n === 'link')[1],
      { url: `https://example.org/download.html#room=my-room&content=${CONTENT}`, contentId: CONTENT, room: 'my-room' });
    assert.equal(s.phase, 'sharing');
    s.close();
  });
});

describe('download when the network path fails', () => {
  it('says the sharer is unreachable (ICE_TIMEOUT), not that nobody is sharing', async () => {
    const { options, serverJoins, scheduler } = env();
    const d = download(`#room=r1&content=${CONTENT}`, { ...options, engine: null, iceTimeoutMs: 5_000 });
    const warnings = recordEvents(d, ['warning']);
    await serverJoins([OTHER]);
    scheduler.advance(5_000);
    assert.equal(d.phase, 'unreachable');
    assert.deepEqual(warnings.map(([, e]) => e.code), ['ICE_TIMEOUT']);
    d.close();
  });
});
