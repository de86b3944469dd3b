import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from '../src/backoff.js';
import { SignalingClient } from '../src/signaling.js';
import { parseServerMessage } from '../src/signaling-messages.js';
import { FakeScheduler, fakeWebSocketFactory, recordEvents } from './support/fakes.js';

const ME = 'aGVsbG8td29ybGQtaGVsbG8';
const OTHER = 'Q2hhbmdlTWVQbGVhc2UxMg';
const joined = (extra = {}) => ({ type: 'joined', room: 'team-42', peerId: ME, resumeToken: 'tok-1', peers: [OTHER], resumed: false, ...extra });

function setup(options = {}) {
  const { FakeWebSocket, sockets } = fakeWebSocketFactory();
  const scheduler = new FakeScheduler();
  const client = new SignalingClient({
    url: 'ws://127.0.0.1:1/ws', room: 'team-42', WebSocket: FakeWebSocket, scheduler, random: () => 0.5, ...options,
  });
  return { client, sockets, scheduler };
}

async function joinedClient(options) {
  const ctx = setup(options);
  const connected = ctx.client.connect();
  ctx.sockets[0].serverOpen();
  ctx.sockets[0].serverSend(joined());
  await connected;
  return ctx;
}

describe('backoff', () => {
  it('doubles the cap per attempt and stays between half the cap and the cap', () => {
    const cases = [[0, 0, 250], [0, 0.999, 499], [1, 0, 500], [3, 0, 2000], [10, 0, 15_000], [1000, 0.5, 22_500]];
    for (const [attempt, r, expected] of cases) {
      assert.equal(backoffDelay(attempt, { baseMs: 500, maxMs: 30_000, random: () => r }), expected, `attempt ${attempt} r ${r}`);
    }
  });

  it('rejects a negative attempt', () => {
    assert.throws(() => backoffDelay(-1), RangeError);
  });
});

describe('signaling messages', () => {
  it('parses every server message of the contract', () => {
    assert.deepEqual(parseServerMessage(JSON.stringify(joined({ extra: 1 }))), joined());
    assert.deepEqual(parseServerMessage('{"type":"peer-left","peerId":"x"}'), { type: 'peer-left', peerId: 'x' });
    assert.deepEqual(parseServerMessage('{"type":"offer","from":"a","sdp":"v=0"}'), { type: 'offer', from: 'a', sdp: 'v=0' });
    assert.deepEqual(
      parseServerMessage('{"type":"candidate","from":"a","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0}}'),
      { type: 'candidate', from: 'a', candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } });
    assert.deepEqual(parseServerMessage('{"type":"error","code":"UNKNOWN_PEER","message":"m","fatal":false}'),
      { type: 'error', code: 'UNKNOWN_PEER', message: 'm', fatal: false });
  });

  const garbled = [
    ['not JSON', 'nope', 'frame'],
    ['an array', '[1]', 'frame'],
    ['an unknown type', '{"type":"gossip"}', 'type'],
    ['a joined without peers', '{"type":"joined","room":"r","peerId":"p","resumeToken":"t"}', 'peers'],
    ['an offer without sdp', '{"type":"offer","from":"a"}', 'sdp'],
    ['a candidate that is a string', '{"type":"candidate","from":"a","candidate":"c"}', 'candidate'],
    ['a candidate with a negative line index', '{"type":"candidate","from":"a","candidate":{"candidate":"c","sdpMLineIndex":-1}}', 'candidate.sdpMLineIndex'],
    ['a candidate with a line index over 65535', '{"type":"candidate","from":"a","candidate":{"candidate":"c","sdpMLineIndex":65536}}', 'candidate.sdpMLineIndex'],
    ['a candidate without its candidate string', '{"type":"candidate","from":"a","candidate":{"sdpMid":"0"}}', 'candidate.candidate'],
    ['an error with an undocumented code', '{"type":"error","code":"NOPE","message":"m","fatal":false}', 'code'],
  ];
  for (const [name, frame, field] of garbled) {
    it(`rejects ${name} with SIGNALING_PROTOCOL naming ${field}`, () => {
      assert.throws(() => parseServerMessage(frame), (err) => err.code === 'SIGNALING_PROTOCOL' && err.details.field === field);
    });
  }
});

describe('SignalingClient', () => {
  it('rejects an invalid room name before opening a socket', () => {
    assert.throws(() => setup({ room: 'no spaces' }), { code: 'BAD_ROOM_NAME' });
  });

  it('joins after the socket opens and resolves connect() with the joined message', async () => {
    const { client, sockets } = setup({ password: 'pw' });
    const states = recordEvents(client, ['state']);
    const connected = client.connect();
    assert.equal(sockets.length, 1);
    sockets[0].serverOpen();
    assert.deepEqual(sockets[0].sentJson(), [{ type: 'join', room: 'team-42', password: 'pw' }]);
    sockets[0].serverSend(joined());
    const msg = await connected;
    assert.equal(msg.peerId, ME);
    assert.equal(client.peerId, ME);
    assert.deepEqual(states.map(([, s]) => s.state), ['connecting', 'joining', 'joined']);
  });

  it('emits relayed offers, answers, candidates and peer events', async () => {
    const { client, sockets } = await joinedClient();
    const log = recordEvents(client, ['offer', 'answer', 'candidate', 'peer-joined', 'peer-left']);
    sockets[0].serverSend({ type: 'peer-joined', peerId: OTHER });
    sockets[0].serverSend({ type: 'offer', from: OTHER, sdp: 'o' });
    sockets[0].serverSend({ type: 'answer', from: OTHER, sdp: 'a' });
    sockets[0].serverSend({ type: 'candidate', from: OTHER, candidate: { candidate: 'c' } });
    sockets[0].serverSend({ type: 'peer-left', peerId: OTHER });
    assert.deepEqual(log, [
      ['peer-joined', { peerId: OTHER }], ['offer', { from: OTHER, sdp: 'o' }], ['answer', { from: OTHER, sdp: 'a' }],
      ['candidate', { from: OTHER, candidate: { candidate: 'c' } }], ['peer-left', { peerId: OTHER }],
    ]);
  });

  it('sends offers, answers and candidates addressed with to', async () => {
    const { client, sockets } = await joinedClient();
    client.sendOffer(OTHER, 'o');
    client.sendAnswer(OTHER, 'a');
    client.sendCandidate(OTHER, { candidate: 'c', sdpMid: '0' });
    assert.deepEqual(sockets[0].sentJson().slice(1), [
      { type: 'offer', to: OTHER, sdp: 'o' }, { type: 'answer', to: OTHER, sdp: 'a' },
      { type: 'candidate', to: OTHER, candidate: { candidate: 'c', sdpMid: '0' } },
    ]);
  });

  it('reports a garbled frame as a warning and keeps going', async () => {
    const { client, sockets } = await joinedClient();
    const log = recordEvents(client, ['warning', 'peer-joined']);
    sockets[0].serverSend('not json');
    sockets[0].serverSend({ type: 'peer-joined', peerId: OTHER });
    assert.equal(log[0][0], 'warning');
    assert.equal(log[0][1].code, 'SIGNALING_PROTOCOL');
    assert.deepEqual(log[1], ['peer-joined', { peerId: OTHER }]);
  });

  for (const code of ['BAD_PASSWORD', 'ROOM_FULL', 'BAD_TOKEN', 'BAD_ROOM']) {
    it(`stops and rejects connect() with ${code} when the join is refused`, async () => {
      const { client, sockets, scheduler } = setup();
      const log = recordEvents(client, ['error', 'close']);
      const connected = client.connect();
      sockets[0].serverOpen();
      sockets[0].serverSend({ type: 'error', code, message: 'no', fatal: false });
      await assert.rejects(connected, { code });
      assert.equal(client.state, 'closed');
      assert.deepEqual(log.map(([n, p]) => [n, p?.code]), [['error', code], ['close', undefined]]);
      scheduler.advance(60_000);
      assert.equal(sockets.length, 1, 'no reconnect after a refused join');
    });
  }

  it('reports a refused message as a warning without leaving', async () => {
    const { client, sockets } = await joinedClient();
    const log = recordEvents(client, ['warning', 'error']);
    sockets[0].serverSend({ type: 'error', code: 'UNKNOWN_PEER', message: 'gone', fatal: false });
    assert.deepEqual(log.map(([n, p]) => [n, p.code]), [['warning', 'UNKNOWN_PEER']]);
    assert.equal(client.state, 'joined');
  });

  it('reconnects with growing jittered delays and resumes with its token', async () => {
    const { client, sockets, scheduler } = await joinedClient();
    sockets[0].serverClose(1006);
    assert.equal(client.state, 'reconnecting');
    assert.deepEqual(scheduler.pendingDelays(), [375]); // attempt 0: cap 500, random 0.5
    scheduler.advance(375);
    assert.equal(sockets.length, 2);
    sockets[1].serverClose(1006); // server still down
    assert.deepEqual(scheduler.pendingDelays(), [750]);
    scheduler.advance(750);
    sockets[2].serverOpen();
    assert.deepEqual(sockets[2].sentJson(), [{ type: 'join', room: 'team-42', resumeToken: 'tok-1' }]);
    const rejoined = new Promise((resolve) => client.on('joined', resolve));
    sockets[2].serverSend(joined({ resumed: true, resumeToken: 'tok-2' }));
    assert.equal((await rejoined).resumed, true);
    assert.equal(client.peerId, ME);
    sockets[2].serverClose(1006);
    assert.deepEqual(scheduler.pendingDelays(), [375], 'a successful join resets the backoff');
  });

  it('flushes messages queued during a resume, in order', async () => {
    const { client, sockets, scheduler } = await joinedClient();
    sockets[0].serverClose(1006);
    client.sendCandidate(OTHER, { candidate: 'c1' });
    client.sendCandidate(OTHER, { candidate: 'c2' });
    scheduler.advance(375);
    sockets[1].serverOpen();
    sockets[1].serverSend(joined({ resumed: true }));
    assert.deepEqual(sockets[1].sentJson().slice(1).map((m) => m.candidate.candidate), ['c1', 'c2']);
  });

  it('joins afresh without the token when the server answers RESUME_FAILED', async () => {
    const { client, sockets, scheduler } = await joinedClient();
    const log = recordEvents(client, ['warning', 'joined']);
    sockets[0].serverClose(1006);
    client.sendOffer(OTHER, 'stale');
    scheduler.advance(375);
    sockets[1].serverOpen();
    sockets[1].serverSend({ type: 'error', code: 'RESUME_FAILED', message: 'expired', fatal: false });
    assert.deepEqual(sockets[1].sentJson(), [
      { type: 'join', room: 'team-42', resumeToken: 'tok-1' }, { type: 'join', room: 'team-42' }]);
    sockets[1].serverSend(joined({ peerId: 'bmV3LWlkLW5ldy1pZC1uZXc', resumeToken: 'tok-9' }));
    assert.equal(client.peerId, 'bmV3LWlkLW5ldy1pZC1uZXc');
    assert.equal(sockets[1].sent.length, 2, 'messages queued for the old identity are dropped');
    assert.deepEqual(log.map(([n, p]) => [n, n === 'joined' ? p.resumed : p.code]),
      [['warning', 'SIGNALING_UNREACHABLE'], ['warning', 'RESUME_FAILED'], ['joined', false]]);
  });

  it('keeps retrying at the capped delay while the server is down, then joins the restarted server afresh', async () => {
    const { client, sockets, scheduler } = await joinedClient({ backoffBaseMs: 500, backoffMaxMs: 4_000 });
    sockets[0].serverClose(1001, 'server stopping');
    const delays = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      delays.push(...scheduler.pendingDelays());
      scheduler.advance(scheduler.pendingDelays()[0]);
      sockets.at(-1).serverClose(1006); // connection refused: nothing listens
    }
    assert.deepEqual(delays, [375, 750, 1500, 3000, 3000, 3000], 'doubling, then capped at 4 s (random 0.5: 3/4 of the cap)');
    assert.equal(client.state, 'reconnecting');
    scheduler.advance(scheduler.pendingDelays()[0]);
    const fresh = sockets.at(-1);
    fresh.serverOpen(); // the server is back, with empty rooms
    fresh.serverSend({ type: 'error', code: 'RESUME_FAILED', message: 'unknown resume token', fatal: false });
    fresh.serverSend(joined({ peerId: 'bmV3LWlkLW5ldy1pZC1uZXc', resumeToken: 'tok-2', peers: [] }));
    assert.equal(client.state, 'joined');
    assert.equal(client.peerId, 'bmV3LWlkLW5ldy1pZC1uZXc');
    fresh.serverClose(1006);
    assert.deepEqual(scheduler.pendingDelays(), [375], 'the fresh join reset the backoff');
    client.close();
  });

  it('pings while joined and reconnects when the server goes silent', async () => {
    const { client, sockets, scheduler } = await joinedClient({ pingIntervalMs: 10_000, livenessTimeoutMs: 30_000 });
    const warnings = recordEvents(client, ['warning']);
    scheduler.advance(10_000);
    assert.deepEqual(sockets[0].sentJson().at(-1), { type: 'ping' });
    sockets[0].serverSend({ type: 'pong' }); // at t=10s: alive
    scheduler.advance(30_000); // silent from 10s to 40s
    assert.equal(sockets[0].closedWith.code, 4001);
    assert.equal(warnings[0][1].code, 'SIGNALING_TIMEOUT');
    assert.equal(client.state, 'reconnecting');
  });

  it('gives up after maxReconnectAttempts with SIGNALING_GAVE_UP', async () => {
    const { client, sockets, scheduler } = setup({ maxReconnectAttempts: 2 });
    const connected = client.connect();
    sockets[0].serverClose(1006);
    scheduler.advance(60_000);
    sockets[1].serverClose(1006);
    scheduler.advance(60_000);
    sockets[2].serverClose(1006);
    await assert.rejects(connected, { code: 'SIGNALING_GAVE_UP' });
    assert.equal(sockets.length, 3);
  });

  it('close() sends leave once, stops timers and is idempotent', async () => {
    const { client, sockets, scheduler } = await joinedClient();
    const log = recordEvents(client, ['close', 'error']);
    client.close();
    client.close();
    assert.deepEqual(sockets[0].sentJson().at(-1), { type: 'leave' });
    assert.equal(log.length, 1);
    assert.deepEqual(scheduler.pendingDelays(), []);
    assert.throws(() => client.sendOffer(OTHER, 'x'), { code: 'CLOSED' });
  });

  it('close() before joining rejects connect() with CLOSED', async () => {
    const { client } = setup();
    const connected = client.connect();
    client.close();
    await assert.rejects(connected, { code: 'CLOSED' });
  });
});
