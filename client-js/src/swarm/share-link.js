// Share URLs: {origin}/download.html#room=<room>&content=<content id hex>. Room and content live in
// the fragment, so the server never learns what is shared.
//
//   const { origin, room, content } = parseShareLink(location.href);
//   formatShareLink({ origin: location.origin, room: 'team-42', content: contentIdHex });
import { ShareLinkError } from './errors.js';

export const PAGE = '/download.html';
const ROOM = /^[A-Za-z0-9_-]{1,64}$/;
const ORIGIN = /^https?:\/\/[^/?#\s@]+(\/[^?#\s]*)?$/;
const CONTENT = /^[0-9a-f]{64}$/;

/** @typedef {{origin: string, room: string, content: string}} ShareLink */

/**
 * Validates the parts of a share link (the same rules parse applies).
 * @param {ShareLink} link
 * @returns {ShareLink}
 */
export function checkShareLink({ origin, room, content }) {
  if (typeof origin !== 'string' || !ORIGIN.test(origin) || origin.endsWith('/')) {
    throw new ShareLinkError('origin', 'must be http(s)://host[:port][/prefix] without a trailing slash');
  }
  if (typeof room !== 'string' || !ROOM.test(room)) throw new ShareLinkError('room', 'must be 1-64 characters of [A-Za-z0-9_-]');
  if (typeof content !== 'string' || !CONTENT.test(content)) throw new ShareLinkError('content', 'must be 64 lowercase hex characters');
  return { origin, room, content };
}

/**
 * Parses a share URL. Parameters may come in any order, unknown ones are ignored, the content id
 * may be upper- or lowercase (it is returned lowercase).
 * @param {string} url
 * @returns {ShareLink}
 * @throws {ShareLinkError}
 */
export function parseShareLink(url) {
  if (typeof url !== 'string' || url.trim() === '') throw new ShareLinkError('url', 'is empty');
  const trimmed = url.trim();
  const hash = trimmed.indexOf('#');
  if (hash < 0) throw new ShareLinkError('url', 'has no #room=...&content=... fragment');
  const base = trimmed.slice(0, hash);
  if (!base.endsWith(PAGE)) throw new ShareLinkError('path', `must end with ${PAGE}`);
  const origin = base.slice(0, base.length - PAGE.length);
  let room = null;
  let content = null;
  for (const param of trimmed.slice(hash + 1).split('&')) {
    const eq = param.indexOf('=');
    const key = eq < 0 ? param : param.slice(0, eq);
    const value = eq < 0 ? '' : param.slice(eq + 1);
    if (key === 'room') {
      if (room !== null) throw new ShareLinkError('room', 'appears twice');
      room = value;
    } else if (key === 'content') {
      if (content !== null) throw new ShareLinkError('content', 'appears twice');
      content = value;
    }
  }
  if (room === null) throw new ShareLinkError('room', 'is missing');
  if (content === null) throw new ShareLinkError('content', 'is missing');
  content = content.toLowerCase();
  if (!CONTENT.test(content)) throw new ShareLinkError('content', 'must be 64 hex characters');
  return checkShareLink({ origin, room, content });
}

/** The canonical URL of a share link. @param {ShareLink} link */
export function formatShareLink(link) {
  const { origin, room, content } = checkShareLink(link);
  return `${origin}${PAGE}#room=${room}&content=${content}`;
}
