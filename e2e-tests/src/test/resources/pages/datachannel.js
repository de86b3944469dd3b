// A minimal WebRTC peer that a Selenium test drives through window.peer. There is no signaling
// server: the test carries offer, answer and trickled candidates from one browser to the other.

const CHUNK = 64 * 1024;            // well under maxMessageSize (262,144)
const HIGH_WATER = 4 * 1024 * 1024; // stop sending above this much buffered...
const LOW_WATER = 1 * 1024 * 1024;  // ...and resume when the buffer drains below this

const pc = new RTCPeerConnection({ iceServers: [] });
const localCandidates = [];
const pendingRemote = [];           // candidates that arrived before the remote description
let channel = null;
let gathered = 0;
let receiver = null;

pc.onicecandidate = (e) => {
  if (e.candidate) {
    gathered++;
    localCandidates.push(e.candidate.toJSON());
  }
};
pc.ondatachannel = (e) => attach(e.channel);

function attach(ch) {
  channel = ch;
  channel.binaryType = 'arraybuffer';
  channel.bufferedAmountLowThreshold = LOW_WATER;
  channel.onmessage = (e) => receiver && receiver.onChunk(new Uint8Array(e.data));
}

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

function drained() {
  return new Promise((resolve) => {
    channel.addEventListener('bufferedamountlow', resolve, { once: true });
  });
}

window.peer = {
  async createOffer() {
    attach(pc.createDataChannel('e2e', { ordered: true }));
    await pc.setLocalDescription(await pc.createOffer());
    return pc.localDescription.toJSON();
  },
  async acceptOffer(offer) {
    await pc.setRemoteDescription(offer);
    await this.addCandidates([]);
    await pc.setLocalDescription(await pc.createAnswer());
    return pc.localDescription.toJSON();
  },
  async acceptAnswer(answer) {
    await pc.setRemoteDescription(answer);
    await this.addCandidates([]);
  },
  /** Returns and forgets the local candidates gathered since the last call. */
  takeCandidates() {
    return localCandidates.splice(0, localCandidates.length);
  },
  async addCandidates(list) {
    pendingRemote.push(...list);
    if (!pc.remoteDescription) return;
    for (const c of pendingRemote.splice(0, pendingRemote.length)) await pc.addIceCandidate(c);
  },
  state() {
    return {
      ice: pc.iceConnectionState,
      connection: pc.connectionState,
      gathering: pc.iceGatheringState,
      gathered,
      channel: channel ? channel.readyState : 'none',
    };
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
  /** Sends size pseudo-random bytes with backpressure; resolves with their SHA-256 when all are on the wire. */
  async sendRandom(size, seed) {
    const data = randomBytes(size, seed);
    const sha256 = await sha256Hex(data);
    const started = performance.now();
    for (let offset = 0; offset < size; offset += CHUNK) {
      if (channel.bufferedAmount > HIGH_WATER) await drained();
      channel.send(data.subarray(offset, Math.min(offset + CHUNK, size)));
    }
    return { sha256, sendMillis: performance.now() - started };
  },
  /** The selected candidate pair from getStats: local and remote candidate type, address, protocol. */
  async selectedPair() {
    const stats = await pc.getStats();
    let pair = null;
    stats.forEach((r) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId);
    });
    if (!pair) return null;
    const describe = (c) => c && { type: c.candidateType, address: c.address, port: c.port, protocol: c.protocol };
    return { local: describe(stats.get(pair.localCandidateId)), remote: describe(stats.get(pair.remoteCandidateId)) };
  },
};
