import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIceServers } from '../src/ice-servers.js';
import { pathFromStats } from '../src/path-info.js';
import { isPolite } from '../src/peer.js';

/** An RTCStatsReport stand-in: a Map of id -> stats object. */
const report = (...stats) => new Map(stats.map((s) => [s.id, s]));
const cand = (id, candidateType, address, port, protocol = 'udp') => ({ id, type: id.startsWith('L') ? 'local-candidate' : 'remote-candidate', candidateType, address, port, protocol });

describe('path info from getStats', () => {
  const cases = [
    ['host to host is direct', 'host', 'host', 'direct'],
    ['server-reflexive to host is direct', 'srflx', 'host', 'direct'],
    ['a local relay candidate is relayed', 'relay', 'host', 'relayed'],
    ['a remote relay candidate is relayed', 'srflx', 'relay', 'relayed'],
  ];
  for (const [name, localType, remoteType, kind] of cases) {
    it(`reports ${name} (Chromium: transport.selectedCandidatePairId)`, () => {
      const stats = report(
        { id: 'T1', type: 'transport', selectedCandidatePairId: 'P1' },
        { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'succeeded', currentRoundTripTime: 0.0123 },
        { id: 'P2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R1', state: 'waiting' },
        cand('L1', localType, '127.0.0.1', 50000), cand('L2', 'relay', '127.0.0.9', 1), cand('R1', remoteType, '127.0.0.2', 50001),
      );
      assert.deepEqual({ ...pathFromStats(stats) }, {
        kind, localType, remoteType, protocol: 'udp', localAddress: '127.0.0.1:50000', remoteAddress: '127.0.0.2:50001', rttMs: 12,
      });
    });
  }

  it('falls back to the nominated succeeded pair (Firefox)', () => {
    const stats = report(
      { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'succeeded', nominated: true, selected: true },
      cand('L1', 'relay', '127.0.0.1', 3478, 'tcp'), cand('R1', 'host', '127.0.0.2', 5),
    );
    assert.equal(pathFromStats(stats).kind, 'relayed');
    assert.equal(pathFromStats(stats).protocol, 'tcp');
  });

  it('says unknown before any pair is selected', () => {
    assert.equal(pathFromStats(report({ id: 'T1', type: 'transport' })).kind, 'unknown');
  });
});

describe('negotiation roles', () => {
  it('makes the peer whose id sorts lower the polite one, and exactly one of two', () => {
    assert.equal(isPolite('AAA', 'BBB'), true);
    assert.equal(isPolite('BBB', 'AAA'), false);
    assert.equal(isPolite('Z', 'a'), true, 'plain string comparison: uppercase sorts first');
  });
});

describe('ICE server list', () => {
  it('accepts the documented response', () => {
    const body = {
      iceServers: [{ urls: ['stun:127.0.0.1:3478'] }, { urls: 'turn:127.0.0.1:3478?transport=udp', username: '1700086400:abc', credential: 'x=' }],
      ttl: 86400,
    };
    assert.deepEqual(parseIceServers(body), {
      iceServers: [{ urls: ['stun:127.0.0.1:3478'] }, { urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1700086400:abc', credential: 'x=' }],
      ttl: 86400,
    });
  });

  for (const [name, body] of [['no list', {}], ['a server without urls', { iceServers: [{}] }], ['a numeric url', { iceServers: [{ urls: [3] }] }]]) {
    it(`rejects ${name} with ICE_SERVERS_UNAVAILABLE`, () => {
      assert.throws(() => parseIceServers(body), { code: 'ICE_SERVERS_UNAVAILABLE' });
    });
  }
});
