// Test doubles for the pure parts: a manual scheduler (no sleeps: tests advance time) and a
// WebSocket stand-in that records frames and lets the test play the server.

export class FakeScheduler {
  constructor(start = 1_700_000_000_000) {
    this.time = start;
    this.timers = new Map();
    this.nextId = 1;
  }
  now() { return this.time; }
  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(id) { this.timers.delete(id); }
  /** Runs every timer due within `ms`, in time order, moving the clock as it goes. */
  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.timers) if (t.at <= end && (!next || t.at < next[1].at)) next = [id, t];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
  }
  pendingDelays() { return [...this.timers.values()].map((t) => t.at - this.time); }
}

/** Collects the WebSockets a client creates; each one is driven by the test. */
export function fakeWebSocketFactory() {
  const sockets = [];
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      this.onopen = this.onmessage = this.onerror = this.onclose = null;
      sockets.push(this);
    }
    send(data) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
      this.sent.push(data);
    }
    close(code = 1000, reason = '') {
      if (this.readyState >= 2) return;
      this.readyState = 3;
      this.closedWith = { code, reason };
    }
    // --- test side ---
    serverOpen() { this.readyState = 1; this.onopen?.({}); }
    serverSend(obj) { this.onmessage?.({ data: typeof obj === 'string' ? obj : JSON.stringify(obj) }); }
    serverClose(code = 1006, reason = '') {
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }
    sentJson() { return this.sent.map((s) => JSON.parse(s)); }
  }
  return { FakeWebSocket, sockets };
}

/** Records every event an emitter emits, in order. */
export function recordEvents(emitter, names) {
  const log = [];
  for (const name of names) emitter.on(name, (payload) => log.push([name, payload]));
  return log;
}
