// Installs window.meshProbe in a page of the swarmrtc web app: a PeerMesh of the real browser
// library (signaling at /ws, ICE servers from /api/ice-servers) over whose data channel `label`
// the test moves pseudo-random bytes and compares SHA-256 digests. Label "bulk" makes the mesh
// open only that channel; "swarm" keeps the library's default channels (swarm + chat), which a
// Java peer opens when it is the newcomer.
// Run as the body of an async function: arguments are (room, iceTimeoutMs, label).
const [room, iceTimeoutMs, label] = arguments;
const lib = (file) => import(new URL('/lib/' + file, location.origin).href);
const { PeerMesh } = await lib('mesh.js');

const CHUNK = 64 * 1024; // well under the 262,144-byte message limit
const state = { peerId: null, connected: [], errors: [], warnings: [], candidateErrors: [], localCandidates: [] };
let bulk = null;
let receiver = null;

const mesh = new PeerMesh({
  room,
  iceTimeoutMs,
  channels: label === 'bulk' ? [{ label: 'bulk', options: { ordered: true } }] : undefined,
  channelOptions: { highWaterMark: 4 * 1024 * 1024, lowWaterMark: 1024 * 1024 },
});
const brief = (err) => ({ code: err.code, message: err.message, details: err.details ?? null });
mesh.on('peer', ({ link }) => {
  link.pc.addEventListener('icecandidate', (e) => e.candidate && state.localCandidates.push(e.candidate.candidate));
  link.pc.addEventListener('icecandidateerror', (e) =>
    state.candidateErrors.push({ url: e.url, errorCode: e.errorCode, errorText: e.errorText }));
});
mesh.on('peers', (ids) => { state.connected = ids; });
mesh.on('channel', ({ label: channelLabel, channel }) => {
  if (channelLabel !== label) return;
  bulk = channel;
  channel.on('message', (data) => receiver?.onChunk(new Uint8Array(data)));
});
mesh.on('peer-left', ({ error }) => error && state.errors.push(brief(error)));
mesh.on('warning', (err) => state.warnings.push(brief(err)));
mesh.on('error', (err) => state.errors.push(brief(err)));

// Deterministic pseudo-random bytes (xorshift32), so only a seed crosses WebDriver.
function randomBytes(size, seed) {
  const out = new Uint8Array(size);
  let x = seed | 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x; out[i + 1] = x >>> 8; out[i + 2] = x >>> 16; out[i + 3] = x >>> 24;
  }
  return out;
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const describeCandidate = (c) => c && {
  type: c.candidateType, address: c.address, port: c.port, protocol: c.protocol,
  relayProtocol: c.relayProtocol ?? null, url: c.url ?? null,
};

window.meshProbe = {
  mesh,
  /** Connection state for the test to poll: who is connected, whether "bulk" is open, errors. */
  state() {
    return { ...state, bulk: bulk ? bulk.readyState : 'none' };
  },
  expect(size) {
    const buffer = new Uint8Array(size);
    let offset = 0;
    receiver = { received: 0, sha256: null, error: null };
    receiver.onChunk = (chunk) => {
      if (offset + chunk.length > size) { receiver.error = 'received more than ' + size + ' bytes'; return; }
      buffer.set(chunk, offset);
      offset += chunk.length;
      receiver.received = offset;
      if (offset === size) sha256Hex(buffer).then((h) => { receiver.sha256 = h; });
    };
  },
  received() {
    return receiver && { received: receiver.received, sha256: receiver.sha256, error: receiver.error };
  },
  /** Sends size pseudo-random bytes through the library's Channel (its backpressure); returns their SHA-256. */
  async sendRandom(size, seed) {
    const data = randomBytes(size, seed);
    const sha256 = await sha256Hex(data);
    for (let offset = 0; offset < size; offset += CHUNK) {
      await bulk.send(data.subarray(offset, Math.min(offset + CHUNK, size)));
    }
    return { sha256 };
  },
  /**
   * The path to the only peer: the library's PathInfo (direct/relayed) and, from getStats, the
   * selected pair's candidates including the STUN/TURN URL each local candidate came from.
   */
  async path() {
    const [link] = mesh.links.values();
    if (!link) return null;
    const info = await link.refreshPath();
    const stats = await link.pc.getStats();
    let pair = null;
    stats.forEach((r) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId);
    });
    return {
      kind: info.kind,
      local: pair && describeCandidate(stats.get(pair.localCandidateId)),
      remote: pair && describeCandidate(stats.get(pair.remoteCandidateId)),
    };
  },
};
const joined = await mesh.join();
state.peerId = joined.peerId;
return joined.peerId;
