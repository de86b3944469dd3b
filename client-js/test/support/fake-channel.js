// An RTCDataChannel stand-in: the test decides when bytes leave the buffer.
export class FakeDataChannel {
  constructor(label = 'swarm', readyState = 'open') {
    this.label = label;
    this.readyState = readyState;
    this.bufferedAmount = 0;
    this.bufferedAmountLowThreshold = 0;
    this.binaryType = 'blob';
    this.sent = [];
    this.closeCalls = 0;
    this.onopen = this.onmessage = this.onbufferedamountlow = this.onerror = this.onclose = null;
  }
  send(data) {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    this.sent.push(data);
    this.bufferedAmount += typeof data === 'string' ? data.length : data.byteLength;
  }
  close() { this.closeCalls += 1; if (this.readyState !== 'closed') this.readyState = 'closing'; }
  // --- test side ---
  open() { this.readyState = 'open'; this.onopen?.({}); }
  /** The network takes `bytes`; fires bufferedamountlow when crossing the threshold, like browsers. */
  drain(bytes) {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, before - bytes);
    if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) this.onbufferedamountlow?.({});
  }
  remoteClose() { this.readyState = 'closed'; this.onclose?.({}); }
  fail(message) { this.onerror?.({ error: new Error(message) }); }
  receive(data) { this.onmessage?.({ data }); }
}

/** Lets pending promise callbacks run (no timers involved). */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
