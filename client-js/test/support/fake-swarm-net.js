// An in-process network for engine tests: PeerMesh stand-ins whose `swarm` channels are real
// Channel wrappers over paired fake RTCDataChannels that deliver each message asynchronously (a
// copy, as a browser would) and report bufferedAmount until the far side took the message.
import { Channel } from '../../src/channel.js';
import { Emitter } from '../../src/emitter.js';

class PairedDataChannel extends EventTarget {
  constructor(label) {
    super();
    this.label = label;
    this.readyState = 'open';
    this.bufferedAmount = 0;
    this.bufferedAmountLowThreshold = 0;
    this.binaryType = 'blob';
    this.remote = null;
    this.onopen = this.onmessage = this.onbufferedamountlow = this.onerror = this.onclose = null;
  }
  send(data) {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    const bytes = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    this.bufferedAmount += copy.byteLength;
    setImmediate(() => {
      const before = this.bufferedAmount;
      this.bufferedAmount -= copy.byteLength;
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.onbufferedamountlow?.({});
        this.dispatchEvent(new Event('bufferedamountlow'));
      }
      if (this.remote.readyState === 'open') this.remote.onmessage?.({ data: copy });
    });
  }
  close() {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    setImmediate(() => {
      this.onclose?.({});
      if (this.remote.readyState !== 'closed') {
        this.remote.readyState = 'closed';
        this.remote.onclose?.({});
      }
    });
  }
}

/** The part of PeerMesh an engine uses: `channel` and `peer-left` events, channels(label). */
export class FakeMesh extends Emitter {
  constructor(peerId) {
    super();
    this.peerId = peerId;
    /** @type {Map<string, Channel>} */
    this.swarm = new Map();
  }
  channels(label) { return label === 'swarm' ? new Map(this.swarm) : new Map(); }
}

/** Connects two meshes with a `swarm` channel pair; returns both Channel wrappers. */
export function connect(a, b) {
  const da = new PairedDataChannel('swarm');
  const db = new PairedDataChannel('swarm');
  da.remote = db;
  db.remote = da;
  const ca = new Channel(da);
  const cb = new Channel(db);
  for (const [mesh, other, channel] of [[a, b, ca], [b, a, cb]]) {
    mesh.swarm.set(other.peerId, channel);
    channel.on('close', () => { if (mesh.swarm.get(other.peerId) === channel) mesh.swarm.delete(other.peerId); });
    mesh.emit('channel', { peerId: other.peerId, label: 'swarm', channel });
  }
  return [ca, cb];
}

/** Deterministic pseudo-random bytes. */
export function pseudoRandom(n, seed) {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
