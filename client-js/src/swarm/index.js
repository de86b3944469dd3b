// The public API of the swarm core (docs/swarm-protocol.md). Everything here is pure: no network,
// no storage, no timers. The engine (I/O shell) wires a SwarmSession to data channels and storage.
export { SwarmSession, DEFAULT_CONFIG } from './session.js';
export { blame, liars, sentBlock } from './blame.js';
export {
  encode, decode, encodedLength, handshake, GOODBYE, TYPE_CODES, VERSION, FLAG_HAS_MANIFEST,
  MAX_MESSAGE_SIZE, MAX_BLOCK_LENGTH, MAX_MANIFEST_CHUNK, MAX_MANIFEST_LENGTH, MAX_REASON_BYTES,
} from './codec.js';
export {
  Manifest, createManifest, decodeManifest, encodeManifest, buildManifest, contentIdOf,
  defaultPieceSize, blockLayout, checkPath, MIN_PIECE_SIZE, MAX_PIECE_SIZE,
} from './manifest.js';
export { Bitfield } from './bitfield.js';
export { parseShareLink, formatShareLink, checkShareLink, PAGE } from './share-link.js';
export { SwarmFormatError, ManifestFormatError, ShareLinkError } from './errors.js';
export { sha256Sync } from './sha256.js';
export { toHex, fromHex } from './bytes.js';
