// Binary codec of swarm messages (docs/swarm-protocol.md, "Swarm messages"): a type byte, then the
// payload, big-endian. Pure and total: decode() throws only SwarmFormatError naming the field, and
// never copies block data (PIECE.data, MANIFEST_DATA.bytes and BITFIELD.bits are views of the input).
//
//   const wire = encode({ type: 'REQUEST', piece: 3, offset: 0, length: 65536 });
//   const msg = decode(wire);   // { type: 'REQUEST', piece: 3, offset: 0, length: 65536 }
//
// Message shapes (the "fields" of the shared vectors):
//   HANDSHAKE {version, contentId (64 hex chars), flags}   MANIFEST_REQUEST {offset}
//   MANIFEST_DATA {totalLength, offset, bytes}             BITFIELD {bits}
//   HAVE {piece}    REQUEST | CANCEL | REJECT {piece, offset, length}    PIECE {piece, offset, data}
//   CHOKE {}        UNCHOKE {}        GOODBYE {code, reason}
import { SwarmFormatError } from './errors.js';
import { asBytes, fromHex, toHex, utf8Decode, utf8Encode } from './bytes.js';

/** @typedef {{type: string, [field: string]: any}} SwarmMessage */

export const MAX_MESSAGE_SIZE = 262144;
export const MAX_BLOCK_LENGTH = 65536;
export const MAX_MANIFEST_CHUNK = 65536;
export const MAX_MANIFEST_LENGTH = 64 * 1024 * 1024;
export const MAX_REASON_BYTES = 1024;
export const MAX_BITFIELD_BYTES = MAX_MESSAGE_SIZE - 1;
export const VERSION = 1;
export const FLAG_HAS_MANIFEST = 1;

/** Type byte of each message type. */
export const TYPE_CODES = Object.freeze({
  HANDSHAKE: 0x01, MANIFEST_REQUEST: 0x02, MANIFEST_DATA: 0x03, BITFIELD: 0x04, HAVE: 0x05,
  REQUEST: 0x06, PIECE: 0x07, CANCEL: 0x08, REJECT: 0x09, CHOKE: 0x0a, UNCHOKE: 0x0b, GOODBYE: 0x0c,
});
const TYPES = [];
for (const [name, code] of Object.entries(TYPE_CODES)) TYPES[code] = name;

/** GOODBYE codes. Unknown codes are legal on the wire. */
export const GOODBYE = Object.freeze({
  NORMAL: 1, WRONG_CONTENT: 2, PROTOCOL_VIOLATION: 3, BAD_PIECE: 4, BANNED: 5, VERSION_NOT_SUPPORTED: 6,
});

const HANDSHAKE_MAGIC = 0x5357524d; // "SWRM"
const HANDSHAKE_PAYLOAD = 38;

function nonNegative(v, field) {
  if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) throw new SwarmFormatError(field, `must be 0 to 2^31-1, got ${v}`);
}
function range(v, min, max, field) {
  if (!Number.isInteger(v) || v < min || v > max) throw new SwarmFormatError(field, `must be ${min} to ${max}, got ${v}`);
}
function block(m) {
  nonNegative(m.piece, 'piece');
  nonNegative(m.offset, 'offset');
  range(m.length, 1, MAX_BLOCK_LENGTH, 'length');
}

/**
 * Checks a message as the decoder would; returns the UTF-8 reason of a GOODBYE (needed to encode it).
 * @param {SwarmMessage} m
 */
function validate(m) {
  switch (m.type) {
    case 'HANDSHAKE':
      range(m.version, 0, 255, 'version');
      if (typeof m.contentId !== 'string' || !/^[0-9a-f]{64}$/.test(m.contentId)) throw new SwarmFormatError('contentId', 'must be 64 lowercase hex characters');
      range(m.flags, 0, 255, 'flags');
      return null;
    case 'MANIFEST_REQUEST': nonNegative(m.offset, 'offset'); return null;
    case 'MANIFEST_DATA':
      range(m.totalLength, 0, MAX_MANIFEST_LENGTH, 'totalLength');
      nonNegative(m.offset, 'offset');
      if (m.bytes.length > MAX_MANIFEST_CHUNK) throw new SwarmFormatError('bytes', 'chunk over 65536 bytes');
      if (m.offset + m.bytes.length > m.totalLength) throw new SwarmFormatError('offset', 'offset + length past totalLength');
      return null;
    case 'BITFIELD':
      if (m.bits.length > MAX_BITFIELD_BYTES) throw new SwarmFormatError('bits', 'bitfield over the message limit');
      return null;
    case 'HAVE': nonNegative(m.piece, 'piece'); return null;
    case 'REQUEST': case 'CANCEL': case 'REJECT': block(m); return null;
    case 'PIECE':
      nonNegative(m.piece, 'piece');
      nonNegative(m.offset, 'offset');
      if (m.data.length === 0 || m.data.length > MAX_BLOCK_LENGTH) throw new SwarmFormatError('data', `block must be 1 to 65536 bytes, got ${m.data.length}`);
      return null;
    case 'CHOKE': case 'UNCHOKE': return null;
    case 'GOODBYE': {
      range(m.code, 0, 0xffff, 'code');
      const reason = utf8Encode(m.reason);
      if (reason === null) throw new SwarmFormatError('reason', 'not valid Unicode text');
      if (reason.length > MAX_REASON_BYTES) throw new SwarmFormatError('reason', 'over 1024 bytes');
      return reason;
    }
    default: throw new SwarmFormatError('type', `unknown type ${m.type}`);
  }
}

function exactly(payload, size) {
  if (payload !== size) throw new SwarmFormatError('payload', `must be ${size} bytes, got ${payload}`);
}
function atLeast(payload, size) {
  if (payload < size) throw new SwarmFormatError('payload', `must be at least ${size} bytes, got ${payload}`);
}

/**
 * Decodes one whole message.
 * @param {ArrayBuffer|ArrayBufferView} data
 * @returns {SwarmMessage}
 * @throws {SwarmFormatError}
 */
export function decode(data) {
  const b = asBytes(data);
  if (b.length === 0) throw new SwarmFormatError('type', 'empty message');
  if (b.length > MAX_MESSAGE_SIZE) throw new SwarmFormatError('message', `over 262144 bytes: ${b.length}`);
  const type = TYPES[b[0]];
  if (!type) throw new SwarmFormatError('type', `unknown type 0x${b[0].toString(16)}`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const payload = b.length - 1;
  let m;
  switch (type) {
    case 'HANDSHAKE':
      exactly(payload, HANDSHAKE_PAYLOAD);
      if (v.getUint32(1) !== HANDSHAKE_MAGIC) throw new SwarmFormatError('magic', 'not SWRM');
      m = { type, version: b[5], contentId: toHex(b.subarray(6, 38)), flags: b[38] };
      break;
    case 'MANIFEST_REQUEST': exactly(payload, 4); m = { type, offset: v.getUint32(1) }; break;
    case 'MANIFEST_DATA':
      atLeast(payload, 8);
      m = { type, totalLength: v.getUint32(1), offset: v.getUint32(5), bytes: b.subarray(9) };
      break;
    case 'BITFIELD': m = { type, bits: b.subarray(1) }; break;
    case 'HAVE': exactly(payload, 4); m = { type, piece: v.getUint32(1) }; break;
    case 'REQUEST': case 'CANCEL': case 'REJECT':
      exactly(payload, 12);
      m = { type, piece: v.getUint32(1), offset: v.getUint32(5), length: v.getUint32(9) };
      break;
    case 'PIECE':
      atLeast(payload, 8);
      m = { type, piece: v.getUint32(1), offset: v.getUint32(5), data: b.subarray(9) };
      break;
    case 'CHOKE': case 'UNCHOKE': exactly(payload, 0); m = { type }; break;
    case 'GOODBYE': {
      atLeast(payload, 2);
      if (payload - 2 > MAX_REASON_BYTES) throw new SwarmFormatError('reason', 'over 1024 bytes');
      const reason = utf8Decode(b.subarray(3));
      if (reason === null) throw new SwarmFormatError('reason', 'not valid UTF-8');
      m = { type, code: v.getUint16(1), reason };
      break;
    }
  }
  validate(m);
  return m;
}

/** Exact encoded length of a message, type byte included. @param {SwarmMessage} m */
export function encodedLength(m) {
  return 1 + payloadLength(m, m.type === 'GOODBYE' ? utf8Encode(m.reason) : null);
}

function payloadLength(m, reason) {
  switch (m.type) {
    case 'HANDSHAKE': return HANDSHAKE_PAYLOAD;
    case 'MANIFEST_REQUEST': case 'HAVE': return 4;
    case 'MANIFEST_DATA': return 8 + m.bytes.length;
    case 'BITFIELD': return m.bits.length;
    case 'REQUEST': case 'CANCEL': case 'REJECT': return 12;
    case 'PIECE': return 8 + m.data.length;
    case 'GOODBYE': return 2 + reason.length;
    default: return 0;
  }
}

/**
 * Encodes a message into a new exact-size Uint8Array (one copy of any block data).
 * @param {SwarmMessage} m
 * @returns {Uint8Array}
 * @throws {SwarmFormatError} if a field is out of range
 */
export function encode(m) {
  const reason = validate(m);
  const out = new Uint8Array(1 + payloadLength(m, reason));
  const v = new DataView(out.buffer);
  out[0] = TYPE_CODES[m.type];
  switch (m.type) {
    case 'HANDSHAKE':
      v.setUint32(1, HANDSHAKE_MAGIC);
      out[5] = m.version;
      out.set(fromHex(m.contentId), 6);
      out[38] = m.flags;
      break;
    case 'MANIFEST_REQUEST': v.setUint32(1, m.offset); break;
    case 'MANIFEST_DATA': v.setUint32(1, m.totalLength); v.setUint32(5, m.offset); out.set(m.bytes, 9); break;
    case 'BITFIELD': out.set(m.bits, 1); break;
    case 'HAVE': v.setUint32(1, m.piece); break;
    case 'REQUEST': case 'CANCEL': case 'REJECT':
      v.setUint32(1, m.piece); v.setUint32(5, m.offset); v.setUint32(9, m.length);
      break;
    case 'PIECE': v.setUint32(1, m.piece); v.setUint32(5, m.offset); out.set(m.data, 9); break;
    case 'GOODBYE': v.setUint16(1, m.code); out.set(reason, 3); break;
  }
  return out;
}

/** Bytes before the data of a PIECE message (type, piece, offset). */
export const PIECE_HEADER_BYTES = 9;

/**
 * Encodes a PIECE into `target` and returns the message (a view of target), the same bytes as
 * encode({type: 'PIECE', piece, offset, data}) without allocating: an uploader frames every block
 * into one reusable buffer.
 * @param {Uint8Array} target at least PIECE_HEADER_BYTES + data.length bytes
 * @param {number} piece @param {number} offset @param {Uint8Array} data at most 65,536 bytes
 * @returns {Uint8Array}
 * @throws {SwarmFormatError} if a field is out of range
 */
export function encodePieceInto(target, piece, offset, data) {
  nonNegative(piece, 'piece');
  nonNegative(offset, 'offset');
  if (data.length === 0 || data.length > MAX_BLOCK_LENGTH) throw new SwarmFormatError('data', `block must be 1 to 65536 bytes, got ${data.length}`);
  const n = PIECE_HEADER_BYTES + data.length;
  if (target.length < n) throw new RangeError(`target holds ${target.length} bytes, the message needs ${n}`);
  const v = new DataView(target.buffer, target.byteOffset, n);
  target[0] = TYPE_CODES.PIECE;
  v.setUint32(1, piece);
  v.setUint32(5, offset);
  target.set(data, PIECE_HEADER_BYTES);
  return target.subarray(0, n);
}

/** A version-1 HANDSHAKE. @param {string} contentId hex @param {boolean} hasManifest */
export function handshake(contentId, hasManifest) {
  return { type: 'HANDSHAKE', version: VERSION, contentId, flags: hasManifest ? FLAG_HAS_MANIFEST : 0 };
}
