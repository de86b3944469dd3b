// The room mesh behind the public API over a scripted server: links across signaling reconnects
// and server restarts, and the ICE servers new links use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinChat } from '../src/index.js';
import { env, ME, OTHER } from './support/api-env.js';
import { flush } from './support/fake-channel.js';
import { FakeRTCPeerConnection } from './support/fake-rtc.js';
import { recordEvents } from './support/fakes.js';

describe('room mesh across a signaling reconnect', () => {
  it('keeps links to peers still there after a resume, drops the ones that left, and offers to newcomers it missed', async () => {
    const { options, sockets, scheduler, serverJoins } = env();
    const chat = joinChat('lobby', options);
    await serverJoins([OTHER]);
    const THIRD = 'dGhpcmQtdGhpcmQtdGhpcmQ';
    sockets[0].serverSend({ type: 'peer-joined', peerId: THIRD });
    await flush();
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER, THIRD]);
    sockets[0].serverClose(1006);
    scheduler.advance(1_000);
    sockets[1].serverOpen();
    const FOURTH = 'Zm91cnRoLWZvdXJ0aC1mb3U';
    sockets[1].serverSend({ type: 'joined', room: 'lobby', peerId: ME, resumeToken: 't2', peers: [OTHER, FOURTH], resumed: true });
    await flush();
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER, FOURTH]);
    assert.equal(FakeRTCPeerConnection.instances[1].closed, true, 'the link to the peer that left is closed');
    assert.deepEqual(FakeRTCPeerConnection.instances[2].createdChannels.map((c) => c.label), ['chat'], 'we offer to the newcomer we missed');
    chat.close();
  });
});

describe('room mesh across a server restart (fresh identities)', () => {
  const sdpWith = (fingerprint) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 ${fingerprint}\r\n`;
  const ME2 = 'bWUyLW1lMi1tZTItbWUyLW1';
  const OTHER2 = 'b3RoZXIyLW90aGVyMi1vdGg';
  const STRANGER = 'c3RyYW5nZXItc3RyYW5nZXI';

  /**
   * Joins, connects to OTHER (fingerprint AA:01), runs `beforeRestart(old connection)`, restarts the
   * server and rejoins as ME2 seeing `peers`.
   */
  async function restartedMesh(peers, beforeRestart = (_old) => {}) {
    const { options, sockets, scheduler, serverJoins } = env();
    const chat = joinChat('lobby', options);
    await serverJoins([OTHER]);
    const old = FakeRTCPeerConnection.instances[0];
    chat.mesh.links.get(OTHER).handleAnswer(sdpWith('AA:01'));
    await flush();
    old.setStates('connected');
    beforeRestart(old);
    sockets[0].serverClose(1001, 'server stopping');
    scheduler.advance(1_000);
    sockets[1].serverOpen();
    assert.equal(sockets[1].sentJson()[0].resumeToken, 't', 'the client first tries to resume');
    sockets[1].serverSend({ type: 'error', code: 'RESUME_FAILED', message: 'unknown resume token', fatal: false });
    assert.equal(sockets[1].sentJson()[1].resumeToken, undefined, 'then joins afresh on the same socket');
    sockets[1].serverSend({ type: 'joined', room: 'lobby', peerId: ME2, resumeToken: 't2', peers, resumed: false });
    await flush();
    await flush();
    return { chat, old, scheduler };
  }

  it('keeps the connected link of the old identity while it rejoins under a new peer id', async () => {
    const { chat, old } = await restartedMesh([OTHER2]);
    assert.equal(chat.mesh.peerId, ME2);
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER, OTHER2], 'the orphan carries on; the newcomer offers to the new room');
    assert.equal(old.closed, false);
    chat.close();
  });

  it('closes the old link once a new link to the same peer (same DTLS fingerprint) has been connected for the grace period', async () => {
    const { chat, old, scheduler } = await restartedMesh([OTHER2]);
    const fresh = FakeRTCPeerConnection.instances[1];
    chat.mesh.links.get(OTHER2).handleAnswer(sdpWith('AA:01'));
    await flush();
    fresh.setStates('connected');
    assert.deepEqual(chat.mesh.connectedPeers, [OTHER, OTHER2], 'both for now: the far side may still be connecting its new link');
    scheduler.advance(1_999);
    assert.equal(old.closed, false);
    scheduler.advance(1);
    assert.equal(old.closed, true, 'the orphan is retired');
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER2]);
    assert.deepEqual(chat.mesh.connectedPeers, [OTHER2]);
    chat.close();
  });

  it('closes the old link when its peer announced the new link\'s id on it (a Java peer: a certificate per connection)', async () => {
    const { chat, old, scheduler } = await restartedMesh([OTHER2]);
    const invalid = recordEvents(chat, ['warning']);
    announceOther2(old);
    const fresh = FakeRTCPeerConnection.instances[1];
    chat.mesh.links.get(OTHER2).handleAnswer(sdpWith('CC:03'));
    await flush();
    fresh.setStates('connected');
    scheduler.advance(2_000);
    assert.equal(old.closed, true, 'the orphan is retired although the fingerprints differ');
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER2]);
    assert.deepEqual(invalid, [], 'the announcement is not chat, nor an invalid chat message');
    chat.close();
  });

  /** The far side's peer-id announcement of OTHER2 on the kept connection's chat channel. */
  function announceOther2(connection) {
    const chatChannel = connection.createdChannels.find((c) => c.label === 'chat');
    chatChannel.open();
    chatChannel.receive(JSON.stringify({ type: 'peer-id', peerId: OTHER2 }));
  }

  it('remembers an announcement that came before its own fresh join made the link an orphan', async () => {
    const { chat, old, scheduler } = await restartedMesh([OTHER2], announceOther2); // the far side rejoined first
    const fresh = FakeRTCPeerConnection.instances[1];
    chat.mesh.links.get(OTHER2).handleAnswer(sdpWith('CC:03'));
    await flush();
    fresh.setStates('connected');
    scheduler.advance(2_000);
    assert.equal(old.closed, true);
    assert.deepEqual([...chat.mesh.links.keys()], [OTHER2]);
    chat.close();
  });

  it('keeps the old link when the new connected peer is someone else', async () => {
    const { chat, old, scheduler } = await restartedMesh([STRANGER]);
    const fresh = FakeRTCPeerConnection.instances[1];
    chat.mesh.links.get(STRANGER).handleAnswer(sdpWith('BB:02'));
    await flush();
    fresh.setStates('connected');
    scheduler.advance(10_000);
    assert.equal(old.closed, false);
    assert.deepEqual([...chat.mesh.links.keys()].sort(), [OTHER, STRANGER].sort());
    chat.close();
  });
});

describe('ICE servers in the mesh', () => {
  it('goes on with host candidates and warns when /api/ice-servers fails', async () => {
    const { options, serverJoins } = env();
    const chat = joinChat('lobby', { ...options, fetch: async () => ({ ok: false, status: 503 }) });
    const warnings = recordEvents(chat, ['warning']);
    await serverJoins([OTHER]);
    await flush();
    assert.deepEqual(warnings.map(([, e]) => e.code), ['ICE_SERVERS_UNAVAILABLE']);
    assert.deepEqual(FakeRTCPeerConnection.instances[0].config.iceServers, [], 'the newcomer still offers');
    chat.close();
  });

  it('fetches fresh TURN credentials for new links once half their lifetime has passed', async () => {
    const { options, sockets, scheduler, serverJoins, fetched } = env(); // ttl 60 s
    const chat = joinChat('lobby', options);
    await serverJoins([]);
    assert.equal(fetched.length, 1);
    sockets[0].serverSend({ type: 'peer-joined', peerId: OTHER });
    assert.equal(fetched.length, 1, 'fresh credentials are reused');
    scheduler.advance(20_000);
    sockets[0].serverSend({ type: 'pong' }); // keep the signaling socket alive
    scheduler.advance(10_000);
    sockets[0].serverSend({ type: 'peer-joined', peerId: 'dGhpcmQtdGhpcmQtdGhpcmQ' });
    await flush();
    assert.equal(fetched.length, 2);
    chat.close();
  });
});
