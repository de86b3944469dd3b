/**
 * Pure parsing and building of signaling messages (docs/signaling.md). No sockets, no clocks.
 * @module signaling-messages
 */
import { ErrorCodes, SERVER_ERROR_CODES, SwarmRtcError } from './errors.js';

/** Room ids: 1-64 characters of [A-Za-z0-9_-] (docs/signaling.md, join). */
export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @typedef {{type:'joined', room:string, peerId:string, resumeToken:string, peers:string[], resumed:boolean}} JoinedMessage
 * @typedef {{type:'peer-joined'|'peer-left', peerId:string}} PeerMessage
 * @typedef {{type:'offer'|'answer', from:string, sdp:string}} SdpMessage
 * @typedef {{candidate:string, sdpMid?:string|null, sdpMLineIndex?:number|null, usernameFragment?:string|null}} IceCandidateInit
 * @typedef {{type:'candidate', from:string, candidate:IceCandidateInit}} CandidateMessage
 * @typedef {{type:'pong'}} PongMessage
 * @typedef {{type:'error', code:string, message:string, fatal:boolean}} ErrorMessage
 * @typedef {JoinedMessage|PeerMessage|SdpMessage|CandidateMessage|PongMessage|ErrorMessage} ServerMessage
 */

/** @param {string} field @param {string} why @returns {never} */
function bad(field, why) {
  throw new SwarmRtcError(ErrorCodes.SIGNALING_PROTOCOL, `bad signaling message: ${field} ${why}`, { details: { field } });
}

/** @param {any} obj @param {string} field @returns {string} */
function str(obj, field) {
  const v = obj[field];
  if (typeof v !== 'string') bad(field, 'is not a string');
  return v;
}

/** @param {any} obj @param {string} field @param {string} name the field's name in errors */
function strNamed(obj, field, name) {
  const v = obj[field];
  if (typeof v !== 'string') bad(name, 'is not a string');
  return v;
}

/** @param {any} c @returns {IceCandidateInit} */
function candidateInit(c) {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) bad('candidate', 'is not an object');
  const out = /** @type {IceCandidateInit} */ ({ candidate: strNamed(c, 'candidate', 'candidate.candidate') });
  // Optional fields may be absent or null (docs/signaling.md).
  if (c.sdpMid != null) out.sdpMid = strNamed(c, 'sdpMid', 'candidate.sdpMid');
  if (c.sdpMLineIndex != null) {
    const i = c.sdpMLineIndex;
    if (!Number.isInteger(i) || i < 0 || i > 65535) bad('candidate.sdpMLineIndex', 'is not an integer 0-65535');
    out.sdpMLineIndex = i;
  }
  if (c.usernameFragment != null) out.usernameFragment = strNamed(c, 'usernameFragment', 'candidate.usernameFragment');
  return out;
}

/**
 * Parses one text frame from the server. Unknown fields are ignored (forward compatibility).
 * @param {unknown} frame
 * @returns {ServerMessage}
 * @throws {SwarmRtcError} code SIGNALING_PROTOCOL, naming the field
 */
export function parseServerMessage(frame) {
  if (typeof frame !== 'string') bad('frame', 'is not text');
  let obj;
  try {
    obj = JSON.parse(frame);
  } catch {
    bad('frame', 'is not JSON');
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) bad('frame', 'is not a JSON object');
  const type = obj.type;
  switch (type) {
    case 'joined': {
      if (!Array.isArray(obj.peers) || obj.peers.some((/** @type {unknown} */ p) => typeof p !== 'string')) bad('peers', 'is not an array of strings');
      return {
        type, room: str(obj, 'room'), peerId: str(obj, 'peerId'), resumeToken: str(obj, 'resumeToken'),
        peers: [...obj.peers], resumed: obj.resumed === true,
      };
    }
    case 'peer-joined':
    case 'peer-left':
      return { type, peerId: str(obj, 'peerId') };
    case 'offer':
    case 'answer':
      return { type, from: str(obj, 'from'), sdp: str(obj, 'sdp') };
    case 'candidate':
      return { type, from: str(obj, 'from'), candidate: candidateInit(obj.candidate) };
    case 'pong':
      return { type };
    case 'error':
      // Codes are the documented table; an unknown one means a server we do not understand.
      if (!SERVER_ERROR_CODES.has(str(obj, 'code'))) bad('code', `is not a documented code: ${JSON.stringify(obj.code)}`);
      return {
        type, code: obj.code,
        message: typeof obj.message === 'string' ? obj.message : '', fatal: obj.fatal === true,
      };
    default:
      return bad('type', `is unknown: ${JSON.stringify(type)}`);
  }
}

/**
 * @param {{room:string, password?:string, token?:string, resumeToken?:string}} join
 * @returns {string}
 */
export function joinFrame({ room, password, token, resumeToken }) {
  /** @type {Record<string, string>} */
  const msg = { type: 'join', room };
  if (password) msg.password = password;
  if (token) msg.token = token;
  if (resumeToken) msg.resumeToken = resumeToken;
  return JSON.stringify(msg);
}

/**
 * Throws BAD_ROOM_NAME unless `room` is a valid room id.
 * @param {unknown} room
 * @returns {string}
 */
export function checkRoom(room) {
  if (typeof room !== 'string' || !ROOM_PATTERN.test(room)) {
    throw new SwarmRtcError(ErrorCodes.BAD_ROOM_NAME, `room must be 1-64 characters of [A-Za-z0-9_-]: ${JSON.stringify(room)}`);
  }
  return room;
}
