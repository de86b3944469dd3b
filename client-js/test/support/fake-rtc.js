// A scriptable RTCPeerConnection stand-in: enough of the negotiation state machine (stable,
// have-local-offer, have-remote-offer, implicit rollback) to test PeerLink's rules without a browser.
import { FakeDataChannel } from './fake-channel.js';

export class FakeRTCPeerConnection {
  static instances = [];
  constructor(config) {
    this.config = config;
    this.signalingState = 'stable';
    this.iceConnectionState = 'new';
    this.connectionState = 'new';
    this.localDescription = null;
    this.remoteDescription = null;
    this.addedCandidates = [];
    this.createdChannels = [];
    this.closed = false;
    this.restarts = 0;
    this.offers = 0;
    this.stats = new Map();
    this.onicecandidate = this.onicecandidateerror = this.onnegotiationneeded = this.ondatachannel = null;
    this.oniceconnectionstatechange = this.onconnectionstatechange = null;
    this._negotiationQueued = false;
    FakeRTCPeerConnection.instances.push(this);
  }
  createDataChannel(label, init) {
    const dc = new FakeDataChannel(label, 'connecting');
    dc.init = init;
    this.createdChannels.push(dc);
    this._needNegotiation();
    return dc;
  }
  restartIce() { this.restarts += 1; this._needNegotiation(); }
  async setLocalDescription() {
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `answer-${this.remoteDescription.sdp}` };
      this.signalingState = 'stable';
    } else {
      this.offers += 1;
      this.localDescription = { type: 'offer', sdp: `offer-${this.offers}` };
      this.signalingState = 'have-local-offer';
    }
  }
  async setRemoteDescription(desc) {
    if (desc.type === 'offer') {
      if (this.signalingState === 'have-local-offer') this.localDescription = null; // implicit rollback
      this.signalingState = 'have-remote-offer';
    } else {
      if (this.signalingState !== 'have-local-offer') throw new Error('InvalidStateError: no local offer');
      this.signalingState = 'stable';
    }
    this.remoteDescription = desc;
  }
  async addIceCandidate(c) {
    if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description');
    this.addedCandidates.push(c);
  }
  async getStats() { return this.stats; }
  close() { this.closed = true; this.connectionState = 'closed'; }
  // --- test side ---
  _needNegotiation() {
    if (this._negotiationQueued) return;
    this._negotiationQueued = true;
    queueMicrotask(() => { this._negotiationQueued = false; this.onnegotiationneeded?.(); });
  }
  gather(candidate, type = undefined) { this.onicecandidate?.({ candidate: { type, toJSON: () => candidate } }); }
  candidateError(url, errorCode, errorText = '') { this.onicecandidateerror?.({ url, errorCode, errorText }); }
  setStates(ice, connection = ice) {
    this.iceConnectionState = ice;
    this.connectionState = connection;
    this.oniceconnectionstatechange?.();
    this.onconnectionstatechange?.();
  }
  remoteChannel(label) {
    const dc = new FakeDataChannel(label, 'open');
    this.ondatachannel?.({ channel: dc });
    return dc;
  }
}

/** Records what a PeerLink signals. */
export function recordingSignaling() {
  const sent = [];
  return {
    sent,
    sendOffer: (to, sdp) => sent.push({ type: 'offer', to, sdp }),
    sendAnswer: (to, sdp) => sent.push({ type: 'answer', to, sdp }),
    sendCandidate: (to, candidate) => sent.push({ type: 'candidate', to, candidate }),
  };
}
