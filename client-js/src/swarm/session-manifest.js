// The manifest part of SwarmSession (session.js): serving MANIFEST_REQUESTs, fetching the manifest
// chunk by chunk from one peer at a time, and checking it against the content id. Functions of the
// session's internal state.
import { GOODBYE, MAX_MANIFEST_CHUNK } from './codec.js';
import { decodeManifest } from './manifest.js';
import { Bitfield } from './bitfield.js';
import { sha256Sync } from './sha256.js';
import { toHex } from './bytes.js';
import { acceptBitfield, onHave, sendBitfield } from './session-holdings.js';
import { complete } from './session-pieces.js';

export function onManifestRequest(s, peer, r) {
  if (!s._manifest) {
    s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'MANIFEST_REQUEST to a peer without the manifest');
  } else if (r.offset > s._manifestBytes.length) {
    s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'MANIFEST_REQUEST past the end');
  } else {
    const n = Math.min(MAX_MANIFEST_CHUNK, s._manifestBytes.length - r.offset);
    s._send(peer.id, { type: 'MANIFEST_DATA', totalLength: s._manifestBytes.length, offset: r.offset, bytes: s._manifestBytes.subarray(r.offset, r.offset + n) });
  }
}

export function onManifestData(s, peer, d) {
  const f = s._fetch;
  if (!f || f.peer !== peer.id) return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'unrequested MANIFEST_DATA');
  let problem = null;
  if (f.buffer === null) {
    if (d.totalLength === 0) problem = 'empty manifest';
    else f.buffer = new Uint8Array(d.totalLength);
  } else if (d.totalLength !== f.buffer.length) problem = 'totalLength changed';
  if (!problem && d.offset !== f.received) problem = `chunk at ${d.offset}, expected ${f.received}`;
  if (!problem && d.bytes.length === 0) problem = 'empty chunk before the end';
  if (problem) return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `MANIFEST_DATA: ${problem}`);
  f.buffer.set(d.bytes, f.received);
  f.received += d.bytes.length;
  if (f.received < f.buffer.length) {
    f.lastProgress = s._now();
    return s._send(peer.id, { type: 'MANIFEST_REQUEST', offset: f.received });
  }
  s._fetch = null;
  let m = null;
  if (toHex(sha256Sync(f.buffer)) === s.contentId) {
    try {
      m = decodeManifest(f.buffer);
    } catch {
      m = null;
    }
  }
  if (!m) {
    s._drop(peer.id, GOODBYE.WRONG_CONTENT, 'manifest does not match the content id');
    return startManifestFetch(s);
  }
  s._install(m, new Bitfield(m.pieceCount));
  s._out.push({ type: 'manifest', manifest: m });
  for (const p of [...s._peers.values()]) {
    if (p.handshaken && s._peers.has(p.id)) {
      sendBitfield(s, p);
      if (p.pendingBitfield) {
        const pending = p.pendingBitfield;
        p.pendingBitfield = null;
        acceptBitfield(s, p, pending);
      }
      const haves = p.pendingHaves;
      p.pendingHaves = [];
      for (const piece of haves) if (s._peers.has(p.id)) onHave(s, p, piece);
    }
  }
  if (m.pieceCount === 0) complete(s);
  return undefined;
}

export function startManifestFetch(s) {
  if (s._manifest || s._fetch) return;
  for (const p of s._peers.values()) {
    if (p.handshaken && p.hasManifest) {
      s._fetch = { peer: p.id, buffer: null, received: 0, lastProgress: s._now() };
      s._send(p.id, { type: 'MANIFEST_REQUEST', offset: 0 });
      return;
    }
  }
}
