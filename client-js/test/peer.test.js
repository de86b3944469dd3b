import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerLink } from '../src/peer.js';
import { flush } from './support/fake-channel.js';
import { FakeRTCPeerConnection, recordingSignaling } from './support/fake-rtc.js';
import { FakeScheduler, recordEvents } from './support/fakes.js';

const LOW = 'AAAAAAAAAAAAAAAAAAAAAA'; // sorts first: polite
const HIGH = 'zzzzzzzzzzzzzzzzzzzzzz';

function link({ localId = LOW, remoteId = HIGH, initiator = false, ...rest } = {}) {
  const signaling = recordingSignaling();
  const scheduler = new FakeScheduler();
  const peer = new PeerLink({
    localId, remoteId, initiator, signaling, scheduler, RTCPeerConnection: FakeRTCPeerConnection,
    iceServers: [{ urls: ['stun:127.0.0.1:3478'] }], iceTimeoutMs: 10_000, ...rest,
  });
  peer.start();
  return { peer, pc: peer.pc, signaling, scheduler };
}

describe('PeerLink', () => {
  it('as the newcomer opens the swarm and chat channels and sends one offer', async () => {
    const signaling = recordingSignaling();
    const peer = new PeerLink({ localId: LOW, remoteId: HIGH, initiator: true, signaling, RTCPeerConnection: FakeRTCPeerConnection, iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] });
    const pc = peer.pc;
    const channelEvents = recordEvents(peer, ['channel']);
    assert.equal(pc.createdChannels.length, 0, 'nothing happens before start()');
    peer.start();
    assert.deepEqual(channelEvents.map(([, c]) => c.label), ['swarm', 'chat'], 'listeners attached before start() see every channel');
    await flush();
    assert.deepEqual(pc.createdChannels.map((c) => c.label), ['swarm', 'chat']);
    assert.deepEqual(signaling.sent, [{ type: 'offer', to: HIGH, sdp: 'offer-1' }]);
    assert.deepEqual([...peer.channels.keys()], ['swarm', 'chat']);
    assert.deepEqual(pc.config.iceServers, [{ urls: ['stun:127.0.0.1:3478'] }]);
    peer.close();
  });

  it('as an existing peer waits for the offer and answers it', async () => {
    const { peer, pc, signaling } = link();
    await flush();
    assert.deepEqual(signaling.sent, [], 'existing peers never offer first');
    peer.handleOffer('remote-offer');
    await flush();
    assert.deepEqual(signaling.sent, [{ type: 'answer', to: HIGH, sdp: 'answer-remote-offer' }]);
    assert.equal(pc.signalingState, 'stable');
  });

  it('trickles every local candidate at once', () => {
    const { pc, signaling } = link();
    pc.gather({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' });
    assert.deepEqual(signaling.sent, [{ type: 'candidate', to: HIGH, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } }]);
  });

  it('queues remote candidates until the remote description is set, then adds them in order', async () => {
    const { peer, pc } = link();
    peer.handleCandidate({ candidate: 'c1' });
    peer.handleCandidate({ candidate: 'c2' });
    await flush();
    assert.deepEqual(pc.addedCandidates, []);
    peer.handleOffer('o');
    peer.handleCandidate({ candidate: 'c3' });
    await flush();
    assert.deepEqual(pc.addedCandidates.map((c) => c.candidate), ['c1', 'c2', 'c3']);
  });

  it('on an offer collision the polite peer rolls back and answers', async () => {
    const { peer, pc, signaling } = link({ localId: LOW, remoteId: HIGH, initiator: true });
    await flush(); // our offer is out
    peer.handleOffer('their-offer');
    await flush();
    assert.equal(peer.polite, true);
    assert.deepEqual(signaling.sent.at(-1), { type: 'answer', to: HIGH, sdp: 'answer-their-offer' });
    assert.equal(pc.signalingState, 'stable');
  });

  it('on an offer collision the impolite peer ignores the offer and its candidates', async () => {
    const { peer, pc, signaling } = link({ localId: HIGH, remoteId: LOW, initiator: true });
    const warnings = recordEvents(peer, ['warning', 'error']);
    await flush();
    peer.handleOffer('their-offer');
    peer.handleCandidate({ candidate: 'c-of-ignored-offer' });
    await flush();
    assert.equal(peer.polite, false);
    assert.equal(signaling.sent.filter((m) => m.type === 'answer').length, 0);
    assert.equal(pc.signalingState, 'have-local-offer');
    assert.deepEqual(warnings, []);
    peer.handleAnswer('their-answer');
    await flush();
    assert.equal(pc.signalingState, 'stable');
  });

  it('ignores a stale answer', async () => {
    const { peer } = link();
    const log = recordEvents(peer, ['error', 'warning']);
    peer.handleAnswer('late');
    await flush();
    assert.deepEqual(log, []);
  });

  it('fails fast with ICE_TIMEOUT when ICE stays new', async () => {
    const { peer, pc, scheduler } = link({ initiator: true });
    const log = recordEvents(peer, ['error', 'close']);
    scheduler.advance(9_999);
    assert.deepEqual(log, []);
    scheduler.advance(1);
    assert.deepEqual(log.map(([n, p]) => [n, p?.code]), [['error', 'ICE_TIMEOUT'], ['close', undefined]]);
    assert.match(log[0][1].message, /no candidate pair/);
    assert.equal(pc.closed, true);
  });

  it('keeps the default ICE timeout when a caller passes undefined through', () => {
    const { peer, scheduler } = link({ iceTimeoutMs: undefined });
    const log = recordEvents(peer, ['error']);
    scheduler.advance(14_999);
    assert.deepEqual(log, []);
    scheduler.advance(1);
    assert.equal(log[0][1].code, 'ICE_TIMEOUT');
  });

  it('does not time out once connected, and reads the path', async () => {
    const { peer, pc, scheduler } = link();
    pc.stats = new Map([
      ['T', { id: 'T', type: 'transport', selectedCandidatePairId: 'P' }],
      ['P', { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R' }],
      ['L', { id: 'L', candidateType: 'relay', protocol: 'udp' }], ['R', { id: 'R', candidateType: 'host' }],
    ]);
    const paths = recordEvents(peer, ['path', 'error']);
    pc.setStates('connected');
    await flush();
    scheduler.advance(60_000);
    assert.deepEqual(paths.map(([n, p]) => [n, p.kind]), [['path', 'relayed']]);
  });

  it('restarts ICE when the connection fails, and gives up with ICE_FAILED after the last restart', async () => {
    const { peer, pc } = link({ maxIceRestarts: 2 });
    const log = recordEvents(peer, ['error']);
    pc.setStates('failed'); // both state events fire: one restart
    pc.setStates('checking');
    pc.setStates('failed');
    assert.equal(pc.restarts, 2);
    assert.deepEqual(log, []);
    pc.setStates('checking');
    pc.setStates('failed');
    assert.deepEqual(log.map(([, e]) => e.code), ['ICE_FAILED']);
  });

  it('restarts ICE when disconnected for longer than the grace period', () => {
    const { pc, scheduler } = link({ disconnectedGraceMs: 5_000 });
    pc.setStates('connected');
    pc.setStates('disconnected');
    scheduler.advance(4_999);
    assert.equal(pc.restarts, 0);
    scheduler.advance(1);
    assert.equal(pc.restarts, 1);
  });

  it('adopts channels the remote peer opens', () => {
    const { peer, pc } = link();
    const log = recordEvents(peer, ['channel']);
    pc.remoteChannel('swarm');
    assert.equal(log[0][1].label, 'swarm');
    assert.equal(peer.channels.get('swarm').dc.binaryType, 'arraybuffer');
  });

  it('closes once, with its channels', async () => {
    const { peer, pc } = link({ initiator: true });
    const log = recordEvents(peer, ['close']);
    peer.close();
    peer.close();
    assert.equal(log.length, 1);
    assert.equal(pc.closed, true);
    assert.ok(pc.createdChannels.every((c) => c.closeCalls === 1));
  });
});
