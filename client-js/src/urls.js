/**
 * Where the server lives and what the page's fragment says. Pure functions of their inputs;
 * the defaults read `location` only when called without one.
 * @module urls
 */
import { ErrorCodes, SwarmRtcError } from './errors.js';
import { ROOM_PATTERN } from './signaling-messages.js';

/** docs/swarm-protocol.md: parsers accept an uppercase content id and return it lowercase. */
const CONTENT_ID_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * The signaling WebSocket URL on the page's own server: ws(s)://host/ws.
 * @param {{protocol: string, host: string}} [loc]
 */
export function defaultSignalingUrl(loc = globalThis.location) {
  if (!loc || !/^https?:$/.test(loc.protocol)) {
    throw new SwarmRtcError(ErrorCodes.BAD_LINK, 'no signaling URL: the page is not served over http(s); pass signalingUrl');
  }
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

/** @param {{origin: string}} [loc] */
export function defaultIceServersUrl(loc = globalThis.location) {
  return `${loc?.origin ?? ''}/api/ice-servers`;
}

/**
 * Parses `#key=value&key=value` (a leading # is optional). Later duplicates win.
 * @param {string} hash
 * @returns {Map<string, string>}
 */
export function parseFragment(hash) {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return new Map(params);
}

/**
 * Reads `#room=...&content=...` of a download link (docs/swarm-protocol.md, Share URL).
 * @param {string} linkOrHash a full URL or just its fragment
 * @returns {{room: string, contentId: string}} contentId in lowercase hex
 * @throws {SwarmRtcError} BAD_LINK naming what is wrong
 */
export function parseDownloadLink(linkOrHash) {
  const hash = linkOrHash.includes('#') ? linkOrHash.slice(linkOrHash.indexOf('#')) : linkOrHash;
  const f = parseFragment(hash);
  const room = f.get('room');
  const content = f.get('content');
  if (!room) throw new SwarmRtcError(ErrorCodes.BAD_LINK, 'the link has no room', { details: { field: 'room' } });
  if (!ROOM_PATTERN.test(room)) throw new SwarmRtcError(ErrorCodes.BAD_LINK, 'the room in the link is not valid', { details: { field: 'room' } });
  if (!content) throw new SwarmRtcError(ErrorCodes.BAD_LINK, 'the link has no content id', { details: { field: 'content' } });
  if (!CONTENT_ID_PATTERN.test(content)) {
    throw new SwarmRtcError(ErrorCodes.BAD_LINK, 'the content id in the link is not 64 hex characters', { details: { field: 'content' } });
  }
  return { room, contentId: content.toLowerCase() };
}

/**
 * Builds a download link on an origin.
 * @param {string} origin e.g. https://example.org
 * @param {string} room
 * @param {string} contentId 64 lowercase hex
 */
export function buildDownloadLink(origin, room, contentId) {
  return `${origin.replace(/\/+$/, '')}/download.html#room=${encodeURIComponent(room)}&content=${contentId}`;
}

/**
 * Reads `#room=...` of a chat page; null when absent.
 * @param {string} hash
 * @returns {string|null}
 * @throws {SwarmRtcError} BAD_ROOM_NAME for an invalid room
 */
export function parseChatRoom(hash) {
  const room = parseFragment(hash).get('room');
  if (room === undefined || room === '') return null;
  if (!ROOM_PATTERN.test(room)) throw new SwarmRtcError(ErrorCodes.BAD_ROOM_NAME, 'room must be 1-64 characters of [A-Za-z0-9_-]');
  return room;
}

/**
 * A random room id: 16 random bytes, base64url (22 characters), unguessable like peer ids.
 * @param {Crypto} [crypto]
 */
export function randomRoom(crypto = globalThis.crypto) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
