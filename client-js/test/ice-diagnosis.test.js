import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IceFailureCauses, diagnoseIceFailure } from '../src/ice-diagnosis.js';
import { PeerLink } from '../src/peer.js';
import { FakeRTCPeerConnection, recordingSignaling } from './support/fake-rtc.js';
import { FakeScheduler, recordEvents } from './support/fakes.js';

const STUN = { urls: ['stun:198.51.100.1:3478'] };
const TURN = { urls: ['turn:198.51.100.1:3478?transport=udp', 'turn:198.51.100.1:3478?transport=tcp'], username: 'u', credential: 'c' };
const TURN_401 = { url: 'turn:198.51.100.1:3478?transport=udp', errorCode: 401, errorText: 'Unauthorized.' };
const STUN_701 = { url: 'stun:198.51.100.1:3478', errorCode: 701, errorText: 'UDP socket was closed.' };

describe('diagnoseIceFailure', () => {
  const cases = [
    { name: 'a TURN 401 without a relay candidate means rejected credentials', iceServers: [STUN, TURN], localTypes: ['host', 'srflx'], candidateErrors: [STUN_701, TURN_401], cause: IceFailureCauses.TURN_CREDENTIALS_REJECTED },
    { name: 'a 401 from a turns: URL counts too', iceServers: [{ urls: 'turns:relay.example:443' }], localTypes: ['host'], candidateErrors: [{ ...TURN_401, url: 'turns:relay.example:443' }], cause: IceFailureCauses.TURN_CREDENTIALS_REJECTED },
    { name: 'TURN configured, no relay candidate and no 401 means unreachable', iceServers: [STUN, TURN], localTypes: ['host', 'srflx'], candidateErrors: [STUN_701], cause: IceFailureCauses.TURN_UNREACHABLE },
    { name: 'a 401 from a STUN URL is not about TURN credentials', iceServers: [STUN, TURN], localTypes: ['host'], candidateErrors: [{ ...TURN_401, url: 'stun:198.51.100.1:3478' }], cause: IceFailureCauses.TURN_UNREACHABLE },
    { name: 'no TURN server configured at all', iceServers: [STUN], localTypes: ['host', 'srflx'], candidateErrors: [], cause: IceFailureCauses.NO_TURN_SERVER },
    { name: 'no ICE servers at all', iceServers: [], localTypes: [], candidateErrors: [], cause: IceFailureCauses.NO_TURN_SERVER },
    { name: 'a gathered relay candidate means TURN worked: no guess', iceServers: [STUN, TURN], localTypes: ['host', 'relay'], candidateErrors: [TURN_401], cause: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = diagnoseIceFailure(c);
      assert.equal(d?.likelyCause ?? null, c.cause);
      if (d) assert.ok(d.hint.length > 0);
    });
  }
});

describe('PeerLink failure diagnosis', () => {
  function link(iceServers) {
    const scheduler = new FakeScheduler();
    const peer = new PeerLink({
      localId: 'AAAAAAAAAAAAAAAAAAAAAA', remoteId: 'zzzzzzzzzzzzzzzzzzzzzz', initiator: true,
      signaling: recordingSignaling(), scheduler, RTCPeerConnection: FakeRTCPeerConnection, iceServers, iceTimeoutMs: 10_000,
    });
    peer.start();
    return { peer, pc: peer.pc, scheduler };
  }

  it('names rejected TURN credentials in the ICE_TIMEOUT error when the TURN server answered 401', () => {
    const { peer, pc, scheduler } = link([STUN, TURN]);
    const log = recordEvents(peer, ['error']);
    pc.gather({ candidate: 'candidate:1 1 udp 1 10.0.1.2 5000 typ host' }, 'host');
    pc.candidateError(TURN_401.url, 401, 'Unauthorized.');
    pc.setStates('checking');
    scheduler.advance(10_000);
    const [[, err]] = log;
    assert.equal(err.code, 'ICE_TIMEOUT');
    assert.equal(err.details.likelyCause, 'TURN_CREDENTIALS_REJECTED');
    assert.deepEqual(err.details.candidateErrors, [{ url: TURN_401.url, errorCode: 401, errorText: 'Unauthorized.' }]);
    assert.match(err.message, /rejected our credentials/);
  });

  it('names rejected TURN credentials in ICE_FAILED after the last ICE restart', () => {
    const { peer, pc } = link([TURN]);
    const log = recordEvents(peer, ['error']);
    pc.candidateError(TURN_401.url, 401);
    for (let i = 0; i < 3; i++) { pc.setStates('checking'); pc.setStates('failed'); }
    assert.deepEqual(log.map(([, e]) => [e.code, e.details?.likelyCause]), [['ICE_FAILED', 'TURN_CREDENTIALS_REJECTED']]);
  });

  it('adds no guess when a relay candidate was gathered', () => {
    const { peer, pc, scheduler } = link([TURN]);
    const log = recordEvents(peer, ['error']);
    pc.gather({ candidate: 'candidate:2 1 udp 1 198.51.100.1 49152 typ relay' }, 'relay');
    pc.setStates('checking');
    scheduler.advance(10_000);
    assert.equal(log[0][1].code, 'ICE_TIMEOUT');
    assert.equal(log[0][1].details, undefined);
  });

  it('keeps at most 32 candidate errors', () => {
    const { peer, pc, scheduler } = link([TURN]);
    const log = recordEvents(peer, ['error']);
    for (let i = 0; i < 100; i++) pc.candidateError('stun:198.51.100.1:3478', 701);
    scheduler.advance(10_000);
    assert.equal(log[0][1].details.candidateErrors.length, 32);
  });
});
