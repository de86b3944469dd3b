/**
 * Chat over the `chat` data channel (docs/swarm-protocol.md): one JSON object per text message,
 * `{"type":"chat","text":"hello","ts":1700000000000}`; the sender is the peer at the other end.
 *
 * `Chat` is transport-agnostic: it is handed one channel per peer (by the mesh) and fans out.
 * Events: `message` {from, text, ts, receivedAt}; `invalid` SwarmRtcError (a dropped message,
 * code CHAT_MESSAGE_INVALID, details.from).
 * @module chat
 */
import { Emitter } from './emitter.js';
import { ErrorCodes, SwarmRtcError } from './errors.js';

/** Largest chat text, in UTF-8 bytes. */
export const MAX_CHAT_TEXT_BYTES = 16 * 1024;
/** A frame longer than this cannot hold a valid chat message: reject before parsing. */
const MAX_CHAT_FRAME_CHARS = 4 * MAX_CHAT_TEXT_BYTES;
const utf8 = new TextEncoder();

/**
 * @typedef {{type:'chat', text:string, ts:number}} ChatWireMessage
 * @typedef {{from:string, text:string, ts:number, receivedAt:number}} ChatMessage
 */

/**
 * Throws CHAT_TEXT_INVALID unless `text` can be sent.
 * @param {unknown} text
 * @returns {string}
 */
export function checkChatText(text) {
  if (typeof text !== 'string' || text.length === 0) {
    throw new SwarmRtcError(ErrorCodes.CHAT_TEXT_INVALID, 'chat text must be a non-empty string');
  }
  const bytes = utf8.encode(text).byteLength;
  if (bytes > MAX_CHAT_TEXT_BYTES) {
    throw new SwarmRtcError(ErrorCodes.CHAT_TEXT_INVALID, `chat text is ${bytes} bytes, over the ${MAX_CHAT_TEXT_BYTES}-byte limit`, { details: { bytes } });
  }
  return text;
}

/**
 * @param {string} text
 * @param {number} ts sender's clock, Unix ms
 * @returns {string} the wire frame
 */
export function encodeChat(text, ts) {
  checkChatText(text);
  return JSON.stringify({ type: 'chat', text, ts: Math.trunc(ts) });
}

/**
 * The new signaling id a peer announces on a connection it kept across a fresh join
 * (`{"type":"peer-id","peerId":...}`, docs/swarm-protocol.md), or null for any other frame. Never
 * shown as chat.
 * @param {unknown} frame
 * @returns {string|null}
 */
export function peerIdAnnouncement(frame) {
  if (typeof frame !== 'string' || frame.length > 256 || !frame.includes('"peer-id"')) return null;
  try {
    const obj = JSON.parse(frame);
    return obj?.type === 'peer-id' && typeof obj.peerId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(obj.peerId)
      ? obj.peerId : null;
  } catch {
    return null;
  }
}

/**
 * Validates one incoming frame from the chat channel. Unknown fields are ignored.
 * @param {unknown} frame
 * @returns {ChatWireMessage}
 * @throws {SwarmRtcError} CHAT_MESSAGE_INVALID with details.field
 */
export function decodeChat(frame) {
  const bad = (/** @type {string} */ field, /** @type {string} */ why) => new SwarmRtcError(
    ErrorCodes.CHAT_MESSAGE_INVALID, `invalid chat message: ${field} ${why}`, { details: { field } });
  if (typeof frame !== 'string') throw bad('frame', 'is not text');
  if (frame.length > MAX_CHAT_FRAME_CHARS) throw bad('frame', 'is too long');
  let obj;
  try {
    obj = JSON.parse(frame);
  } catch {
    throw bad('frame', 'is not JSON');
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw bad('frame', 'is not a JSON object');
  if (obj.type !== 'chat') throw bad('type', 'is not "chat"');
  // Receivers accept any text within the limit (empty too); senders refuse empty text (checkChatText).
  if (typeof obj.text !== 'string') throw bad('text', 'is not a string');
  if (obj.text.length * 3 > MAX_CHAT_TEXT_BYTES && utf8.encode(obj.text).byteLength > MAX_CHAT_TEXT_BYTES) throw bad('text', 'is over 16 KiB of UTF-8');
  if (typeof obj.ts !== 'number' || !Number.isSafeInteger(obj.ts)) throw bad('ts', 'is not an integer');
  return { type: 'chat', text: obj.text, ts: obj.ts };
}

/**
 * Minimal channel shape Chat needs (the Channel class satisfies it).
 * @typedef {{send(data: string): Promise<void>, on(event: string, fn: (x: any) => void): () => void}} ChatChannel
 */

/** @extends {Emitter<any>} */
export class Chat extends Emitter {
  /** @param {{now?: () => number}} [options] */
  constructor(options = {}) {
    super();
    this._now = options.now ?? (() => Date.now());
    /** @type {Map<string, {channel: ChatChannel, off: Array<() => void>}>} */
    this._peers = new Map();
    this._closed = false;
  }

  /** Peers with an attached chat channel. */
  get peers() { return [...this._peers.keys()]; }

  /**
   * Attaches the chat channel of one peer (replacing an older one).
   * @param {string} peerId
   * @param {ChatChannel} channel
   */
  attach(peerId, channel) {
    if (this._closed) return;
    this.detach(peerId);
    const off = [
      channel.on('message', (data) => this._receive(peerId, data)),
      channel.on('close', () => { if (this._peers.get(peerId)?.channel === channel) this.detach(peerId); }),
    ];
    this._peers.set(peerId, { channel, off });
    this.emit('peers', this.peers);
  }

  /** @param {string} peerId */
  detach(peerId) {
    const entry = this._peers.get(peerId);
    if (!entry) return;
    for (const off of entry.off) off();
    this._peers.delete(peerId);
    this.emit('peers', this.peers);
  }

  /**
   * Sends to every connected peer. Resolves with the ids it was sent to; a peer whose channel
   * fails is skipped (it is leaving anyway).
   * @param {string} text
   * @returns {Promise<{ts: number, sentTo: string[]}>}
   */
  async send(text) {
    if (this._closed) throw new SwarmRtcError(ErrorCodes.CLOSED, 'chat is closed');
    const ts = this._now();
    const frame = encodeChat(text, ts);
    const targets = [...this._peers];
    const results = await Promise.allSettled(targets.map(([, { channel }]) => channel.send(frame)));
    return { ts, sentTo: targets.filter((_, i) => results[i].status === 'fulfilled').map(([id]) => id) };
  }

  close() {
    if (this._closed) return;
    for (const peerId of this.peers) this.detach(peerId);
    this._closed = true;
    this.emit('close', undefined);
    this.removeAllListeners();
  }

  /** @param {string} from @param {unknown} data */
  _receive(from, data) {
    if (peerIdAnnouncement(data) !== null) return; // for the mesh (orphaned links), not chat
    let msg;
    try {
      msg = decodeChat(data);
    } catch (err) {
      const e = /** @type {SwarmRtcError} */ (err);
      e.details = { ...e.details, from };
      this.emit('invalid', e);
      return;
    }
    this.emit('message', { from, text: msg.text, ts: msg.ts, receivedAt: this._now() });
  }
}
