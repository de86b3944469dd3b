/**
 * Fetches the RTCIceServer list from the signaling server (docs/signaling.md, ICE servers).
 * @module ice-servers
 */
import { ErrorCodes, SwarmRtcError } from './errors.js';

/**
 * @param {string} endpoint absolute or page-relative URL of /api/ice-servers
 * @param {string} peerId our peer id (the TURN username carries it)
 * @param {{fetch?: typeof fetch, baseUrl?: string}} [options]
 * @returns {Promise<{iceServers: RTCIceServer[], ttl: number}>}
 * @throws {SwarmRtcError} ICE_SERVERS_UNAVAILABLE
 */
export async function fetchIceServers(endpoint, peerId, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const url = new URL(endpoint, options.baseUrl ?? globalThis.location?.href);
  url.searchParams.set('peer', peerId);
  let body;
  try {
    const res = await doFetch(url.href, { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (err) {
    throw new SwarmRtcError(ErrorCodes.ICE_SERVERS_UNAVAILABLE, `cannot load ICE servers from ${url.pathname}: ${/** @type {Error} */ (err).message}`, { cause: err });
  }
  return parseIceServers(body);
}

/**
 * Validates the JSON body of /api/ice-servers.
 * @param {any} body
 * @returns {{iceServers: RTCIceServer[], ttl: number}}
 */
export function parseIceServers(body) {
  const bad = (/** @type {string} */ why) => new SwarmRtcError(ErrorCodes.ICE_SERVERS_UNAVAILABLE, `bad ICE server list: ${why}`);
  if (!body || !Array.isArray(body.iceServers)) throw bad('iceServers is not an array');
  const iceServers = body.iceServers.map((/** @type {any} */ s, /** @type {number} */ i) => {
    const urls = typeof s?.urls === 'string' ? [s.urls] : s?.urls;
    if (!Array.isArray(urls) || urls.length === 0 || urls.some((u) => typeof u !== 'string')) throw bad(`iceServers[${i}].urls`);
    /** @type {RTCIceServer} */
    const server = { urls };
    if (typeof s.username === 'string') server.username = s.username;
    if (typeof s.credential === 'string') server.credential = s.credential;
    return server;
  });
  return { iceServers, ttl: Number.isFinite(body.ttl) ? body.ttl : 0 };
}
