/**
 * A chat room: a PeerMesh that opens only the `chat` channel, plus the Chat fan-out.
 * Returned by joinChat() in index.js.
 *
 * Events: `status` {phase: 'joining'|'joined'|'reconnecting'|'closed', peerId?};
 * `message` {from, text, ts, receivedAt, self}; `peers` {count, peers: string[]};
 * `warning` SwarmRtcError; `error` SwarmRtcError (once); `close`.
 * @module chat-session
 */
import { Chat } from './chat.js';
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { PeerMesh } from './mesh.js';
import { checkRoom } from './signaling-messages.js';

const HISTORY_LIMIT = 500;

/** @extends {Emitter<any>} */
export class ChatSession extends Emitter {
  /**
   * @param {string} room
   * @param {Omit<import('./mesh.js').PeerMeshOptions, 'room'|'channels'>} [options]
   */
  constructor(room, options = {}) {
    super();
    checkRoom(room);
    this.room = room;
    /** @type {string|null} */
    this.peerId = null;
    this.phase = 'joining';
    /** @type {Array<{from: string, text: string, ts: number, receivedAt: number, self: boolean}>} last messages, oldest first */
    this.messages = [];
    /** @type {SwarmRtcError|null} */
    this.error = null;
    const sched = options.scheduler;
    this.chat = new Chat(sched ? { now: () => sched.now() } : {});
    this.mesh = new PeerMesh({ ...options, room, channels: [{ label: 'chat', options: { ordered: true } }] });
    this.mesh.on('channel', ({ peerId, label, channel }) => { if (label === 'chat') this._attachWhenOpen(peerId, channel); });
    this.mesh.on('peer-left', ({ peerId }) => this.chat.detach(peerId));
    this.mesh.on('signaling', ({ state }) => {
      if (state === 'reconnecting') this._phase('reconnecting');
      else if (state === 'joined' && this.phase !== 'closed') this._phase('joined');
    });
    this.mesh.on('warning', (err) => this.emit('warning', err));
    this.mesh.on('error', (err) => this._fail(err));
    this.chat.on('peers', (peers) => this.emit('peers', { count: peers.length, peers }));
    this.chat.on('message', (msg) => this._remember({ ...msg, self: false }));
    this.chat.on('invalid', (err) => this.emit('warning', err));
    /** Resolves with our peer id once joined; rejects like the join does. */
    this.ready = this.mesh.join().then(({ peerId }) => {
      this.peerId = peerId;
      this._phase('joined');
      return peerId;
    }, (err) => {
      this._fail(err);
      throw err;
    });
    this.ready.catch(() => {}); // the `error` event reports it too
  }

  /** Peers with an open chat channel. */
  get peers() { return this.chat.peers; }

  /**
   * Sends a message to everyone in the room.
   * @param {string} text at most 16 KiB of UTF-8
   * @returns {Promise<{ts: number, sentTo: string[]}>}
   */
  async send(text) {
    if (this.phase === 'closed') throw new SwarmRtcError(ErrorCodes.CLOSED, 'the chat is closed');
    const result = await this.chat.send(text);
    this._remember({ from: this.peerId ?? 'me', text, ts: result.ts, receivedAt: result.ts, self: true });
    return result;
  }

  close() {
    if (this.phase === 'closed') return;
    this._phase('closed');
    this.chat.close();
    this.mesh.close();
    this.emit('close', undefined);
    this.removeAllListeners();
  }

  /** @param {string} peerId @param {import('./channel.js').Channel} channel */
  _attachWhenOpen(peerId, channel) {
    if (channel.readyState === 'open') this.chat.attach(peerId, channel);
    else channel.on('open', () => this.chat.attach(peerId, channel));
  }

  /** @param {{from: string, text: string, ts: number, receivedAt: number, self: boolean}} msg */
  _remember(msg) {
    this.messages.push(msg);
    if (this.messages.length > HISTORY_LIMIT) this.messages.shift();
    this.emit('message', msg);
  }

  /** @param {string} phase */
  _phase(phase) {
    if (this.phase === phase) return;
    this.phase = phase;
    this.emit('status', { phase, peerId: this.peerId });
  }

  /** @param {unknown} err */
  _fail(err) {
    if (this.phase === 'closed' || this.error) return;
    this.error = err instanceof SwarmRtcError ? err : new SwarmRtcError(ErrorCodes.INTERNAL, String(err));
    this.emit('error', this.error);
    this.close();
  }
}
