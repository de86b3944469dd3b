// Manifests (docs/swarm-protocol.md, "Manifest"): canonical encoding, validation, content id,
// piece geometry, and building one from Blobs/Files.
//
//   const m = await buildManifest('Holiday', [{ path: 'a/1.jpg', blob: file }]);
//   const id = await m.contentId();             // 64 lowercase hex characters
//   const same = decodeManifest(m.bytes);       // throws ManifestFormatError naming the field
//   for (const s of m.fileSlices(7)) { ... }    // {fileIndex, fileOffset, pieceOffset, length}
import { ManifestFormatError } from './errors.js';
import { asBytes, sha256, toHex, utf8Decode, utf8Encode } from './bytes.js';

export const MIN_PIECE_SIZE = 16 * 1024;
export const MAX_PIECE_SIZE = 16 * 1024 * 1024;
export const MAX_NAME_BYTES = 255;
export const MAX_FILES = 10000;
export const MAX_PATH_BYTES = 1024;
export const MAX_TOTAL_SIZE = Number.MAX_SAFE_INTEGER; // 2^53-1
export const MAX_ENCODED_LENGTH = 64 * 1024 * 1024;
export const HASH_LENGTH = 32;
/** Most pieces a manifest may have: a BITFIELD of them must fit one 256 KiB message. */
export const MAX_PIECES = 8 * (262144 - 1);
const MAGIC = 0x53574d46; // "SWMF"
const VERSION = 1;

/** @typedef {{path: string, size: number}} FileEntry */
/** @typedef {{fileIndex: number, fileOffset: number, pieceOffset: number, length: number}} FileSlice */

/** Throws ManifestFormatError('path') unless path is a safe relative path. @param {string} path */
export function checkPath(path) {
  if (typeof path !== 'string' || path.length === 0) throw new ManifestFormatError('path', 'is empty');
  if (path[0] === '/') throw new ManifestFormatError('path', `is absolute: ${path}`);
  if (path.includes('\\')) throw new ManifestFormatError('path', 'contains a backslash');
  if (path.includes('\0')) throw new ManifestFormatError('path', 'contains NUL');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') throw new ManifestFormatError('path', `has an empty, '.' or '..' segment: ${path}`);
  }
  const bytes = utf8Encode(path);
  if (bytes === null) throw new ManifestFormatError('path', 'not valid Unicode text');
  if (bytes.length > MAX_PATH_BYTES) throw new ManifestFormatError('path', 'longer than 1024 bytes');
  return bytes;
}

function checkFile(path, size) {
  const bytes = checkPath(path);
  if (!Number.isInteger(size) || size < 0 || size > MAX_TOTAL_SIZE) throw new ManifestFormatError('size', `must be 0 to 2^53-1, got ${size}`);
  return bytes;
}

function checkPieceSize(s) {
  if (!Number.isInteger(s) || s < MIN_PIECE_SIZE || s > MAX_PIECE_SIZE || (s & (s - 1)) !== 0) {
    throw new ManifestFormatError('pieceSize', `must be a power of two from 16 KiB to 16 MiB, got ${s}`);
  }
}

/** An immutable, valid manifest. Create with createManifest, decodeManifest or buildManifest. */
export class Manifest {
  /** @param {string} name @param {FileEntry[]} files @param {number} pieceSize @param {Uint8Array} hashes pieceCount*32 bytes, owned */
  constructor(name, files, pieceSize, hashes) {
    if (typeof name !== 'string') throw new ManifestFormatError('name', 'is not a string');
    const nameBytes = utf8Encode(name);
    if (nameBytes === null) throw new ManifestFormatError('name', 'not valid Unicode text');
    if (nameBytes.length > MAX_NAME_BYTES) throw new ManifestFormatError('name', 'longer than 255 bytes');
    checkPieceSize(pieceSize);
    if (files.length < 1 || files.length > MAX_FILES) throw new ManifestFormatError('fileCount', `must be 1 to 10000, got ${files.length}`);
    const seen = new Set();
    const starts = new Array(files.length);
    const pathBytes = new Array(files.length);
    let total = 0;
    for (let i = 0; i < files.length; i++) {
      pathBytes[i] = checkFile(files[i].path, files[i].size);
      if (seen.has(files[i].path)) throw new ManifestFormatError('path', `duplicate path ${files[i].path}`);
      seen.add(files[i].path);
      starts[i] = total;
      total += files[i].size;
      if (total > MAX_TOTAL_SIZE) throw new ManifestFormatError('totalSize', 'over 2^53-1 bytes');
    }
    const expected = Math.ceil(total / pieceSize);
    if (expected > MAX_PIECES) throw new ManifestFormatError('pieceCount', `${expected} pieces, more than a BITFIELD can carry`);
    if (hashes.length % HASH_LENGTH !== 0 || hashes.length / HASH_LENGTH !== expected) {
      throw new ManifestFormatError('pieceCount', `must be ${expected} for ${total} bytes, got ${hashes.length / HASH_LENGTH}`);
    }
    /** @readonly */ this.name = name;
    /** @readonly @type {ReadonlyArray<Readonly<FileEntry>>} */
    this.files = Object.freeze(files.map((f) => Object.freeze({ path: f.path, size: f.size })));
    /** @readonly */ this.pieceSize = pieceSize;
    /** @readonly */ this.pieceCount = expected;
    /** @readonly */ this.totalSize = total;
    /** @readonly The canonical bytes (do not modify). @type {Uint8Array} */
    this.bytes = encodeCanonical(nameBytes, pathBytes, this.files, pieceSize, hashes);
    this._hashes = hashes;
    this._starts = starts;
    Object.freeze(this);
  }

  /** The content id: SHA-256 of the canonical bytes, 64 lowercase hex characters. @returns {Promise<string>} */
  contentId() {
    return contentIdOf(this.bytes);
  }

  /** SHA-256 of a piece (a view: do not modify). @param {number} piece */
  pieceHash(piece) {
    this._check(piece);
    return this._hashes.subarray(piece * HASH_LENGTH, (piece + 1) * HASH_LENGTH);
  }

  /** @param {number} piece @param {Uint8Array} digest */
  pieceHashEquals(piece, digest) {
    const h = this.pieceHash(piece);
    if (digest.length !== HASH_LENGTH) return false;
    let diff = 0;
    for (let i = 0; i < HASH_LENGTH; i++) diff |= h[i] ^ digest[i];
    return diff === 0;
  }

  /** Where a piece starts in the concatenated stream. @param {number} piece */
  pieceOffset(piece) {
    this._check(piece);
    return piece * this.pieceSize;
  }

  /** @param {number} piece */
  pieceLength(piece) {
    return Math.min(this.pieceSize, this.totalSize - this.pieceOffset(piece));
  }

  /** Where a file starts in the concatenated stream. @param {number} fileIndex */
  fileOffset(fileIndex) {
    return this._starts[fileIndex];
  }

  /** The file byte ranges of a piece, in order; empty files never appear. @param {number} piece @returns {FileSlice[]} */
  fileSlices(piece) {
    const start = this.pieceOffset(piece);
    const end = start + this.pieceLength(piece);
    let lo = 0;
    let hi = this._starts.length - 1;
    while (lo < hi) { // the last file starting at or before 'start'
      const mid = (lo + hi + 1) >> 1;
      if (this._starts[mid] <= start) lo = mid; else hi = mid - 1;
    }
    while (lo > 0 && this._starts[lo - 1] === start) lo--;
    const slices = [];
    for (let i = lo, pos = start; pos < end && i < this.files.length; i++) {
      const fileEnd = this._starts[i] + this.files[i].size;
      if (fileEnd <= pos) continue;
      const length = Math.min(fileEnd, end) - pos;
      slices.push({ fileIndex: i, fileOffset: pos - this._starts[i], pieceOffset: pos - start, length });
      pos += length;
    }
    return slices;
  }

  /** How a piece splits into blocks. @param {number} piece @param {number} blockSize */
  blocks(piece, blockSize) {
    return blockLayout(this.pieceLength(piece), blockSize);
  }

  _check(piece) {
    if (!Number.isInteger(piece) || piece < 0 || piece >= this.pieceCount) throw new RangeError(`piece ${piece} of ${this.pieceCount}`);
  }
}

/**
 * Blocks of a piece: all blockSize long except a shorter last one.
 * @param {number} pieceLength @param {number} blockSize
 */
export function blockLayout(pieceLength, blockSize) {
  const count = Math.ceil(pieceLength / blockSize);
  return {
    pieceLength, blockSize, count,
    offset: (i) => i * blockSize,
    length: (i) => Math.min(blockSize, pieceLength - i * blockSize),
    /** index of the block starting at offset, or -1 */
    indexOf: (offset) => (offset >= 0 && offset < pieceLength && offset % blockSize === 0 ? offset / blockSize : -1),
  };
}

function encodeCanonical(nameBytes, pathBytes, files, pieceSize, hashes) {
  let length = 4 + 1 + 4 + 2 + nameBytes.length + 4 + 4 + hashes.length;
  for (const p of pathBytes) length += 2 + p.length + 8;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  let o = 0;
  v.setUint32(o, MAGIC); o += 4;
  out[o++] = VERSION;
  v.setUint32(o, pieceSize); o += 4;
  v.setUint16(o, nameBytes.length); o += 2;
  out.set(nameBytes, o); o += nameBytes.length;
  v.setUint32(o, files.length); o += 4;
  for (let i = 0; i < files.length; i++) {
    v.setUint16(o, pathBytes[i].length); o += 2;
    out.set(pathBytes[i], o); o += pathBytes[i].length;
    v.setBigUint64(o, BigInt(files[i].size)); o += 8;
  }
  v.setUint32(o, hashes.length / HASH_LENGTH); o += 4;
  out.set(hashes, o);
  return out;
}

/**
 * A manifest from its parts; validates every rule.
 * @param {{name: string, files: FileEntry[], pieceSize: number, pieceHashes: Uint8Array[]|Uint8Array}} parts
 */
export function createManifest({ name, files, pieceSize, pieceHashes }) {
  let hashes = pieceHashes;
  if (Array.isArray(pieceHashes)) {
    hashes = new Uint8Array(pieceHashes.length * HASH_LENGTH);
    pieceHashes.forEach((h, i) => {
      if (h.length !== HASH_LENGTH) throw new ManifestFormatError('pieces', `hash ${i} is not 32 bytes`);
      hashes.set(h, i * HASH_LENGTH);
    });
  } else {
    hashes = new Uint8Array(pieceHashes); // own a copy
  }
  return new Manifest(name, files, pieceSize, hashes);
}

/** The canonical bytes. @param {Manifest} m */
export function encodeManifest(m) {
  return m.bytes;
}

/** The content id of canonical manifest bytes. @param {Uint8Array} bytes @returns {Promise<string>} */
export async function contentIdOf(bytes) {
  return toHex(await sha256(bytes));
}

/**
 * Decodes canonical bytes; total and bounded.
 * @param {ArrayBuffer|ArrayBufferView} data
 * @returns {Manifest}
 * @throws {ManifestFormatError}
 */
export function decodeManifest(data) {
  const b = asBytes(data);
  if (b.length > MAX_ENCODED_LENGTH) throw new ManifestFormatError('length', 'manifest over 64 MiB');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let o = 0;
  const need = (n, field) => {
    if (b.length - o < n) throw new ManifestFormatError(field, 'truncated');
  };
  const text = (n, field) => {
    need(n, field);
    const s = utf8Decode(b.subarray(o, o + n));
    if (s === null) throw new ManifestFormatError(field, 'not valid UTF-8');
    o += n;
    return s;
  };
  need(4, 'magic');
  if (v.getUint32(o) !== MAGIC) throw new ManifestFormatError('magic', 'not SWMF');
  o += 4;
  need(1, 'version');
  if (b[o] !== VERSION) throw new ManifestFormatError('version', `unsupported version ${b[o]}`);
  o += 1;
  need(4, 'pieceSize');
  const pieceSize = v.getUint32(o); o += 4;
  checkPieceSize(pieceSize);
  need(2, 'nameLength');
  const nameLength = v.getUint16(o); o += 2;
  if (nameLength > MAX_NAME_BYTES) throw new ManifestFormatError('nameLength', `over 255: ${nameLength}`);
  const name = text(nameLength, 'name');
  need(4, 'fileCount');
  const fileCount = v.getUint32(o); o += 4;
  if (fileCount < 1 || fileCount > MAX_FILES) throw new ManifestFormatError('fileCount', `must be 1 to 10000, got ${fileCount}`);
  const files = [];
  for (let i = 0; i < fileCount; i++) {
    need(2, 'pathLength');
    const pathLength = v.getUint16(o); o += 2;
    if (pathLength < 1 || pathLength > MAX_PATH_BYTES) throw new ManifestFormatError('pathLength', `must be 1 to 1024, got ${pathLength}`);
    const path = text(pathLength, 'path');
    need(8, 'size');
    const size = v.getBigUint64(o); o += 8;
    if (size > BigInt(MAX_TOTAL_SIZE)) throw new ManifestFormatError('size', 'over 2^53-1');
    checkFile(path, Number(size));
    files.push({ path, size: Number(size) });
  }
  need(4, 'pieceCount');
  const pieceCount = v.getUint32(o); o += 4;
  if (pieceCount > MAX_PIECES) throw new ManifestFormatError('pieceCount', `${pieceCount} pieces, more than a BITFIELD can carry`);
  if (pieceCount * HASH_LENGTH > b.length - o) throw new ManifestFormatError('pieces', `truncated: ${pieceCount} hashes announced`);
  const hashes = b.slice(o, o + pieceCount * HASH_LENGTH);
  o += pieceCount * HASH_LENGTH;
  if (o !== b.length) throw new ManifestFormatError('trailing', `${b.length - o} bytes after the last hash`);
  return new Manifest(name, files, pieceSize, hashes);
}

/**
 * The default piece size: the smallest power of two >= 256 KiB keeping at most 2048 pieces,
 * capped at 16 MiB.
 * @param {number} totalSize
 */
export function defaultPieceSize(totalSize) {
  let size = 256 * 1024;
  while (size < MAX_PIECE_SIZE && Math.ceil(totalSize / size) > 2048) size *= 2;
  return size;
}

/**
 * Hashes Blobs (or Files) into a manifest, one piece at a time (pieces may span files).
 * @param {string} name
 * @param {{path: string, blob: Blob}[]} entries
 * @param {{pieceSize?: number}} [options]
 * @returns {Promise<Manifest>}
 */
export async function buildManifest(name, entries, options = {}) {
  const files = entries.map((e) => ({ path: e.path, size: e.blob.size }));
  for (const f of files) checkFile(f.path, f.size);
  const total = files.reduce((a, f) => a + f.size, 0);
  if (total > MAX_TOTAL_SIZE) throw new ManifestFormatError('totalSize', 'over 2^53-1 bytes');
  const pieceSize = options.pieceSize ?? defaultPieceSize(total);
  checkPieceSize(pieceSize);
  const pieceCount = Math.ceil(total / pieceSize);
  if (pieceCount > MAX_PIECES) throw new ManifestFormatError('pieceCount', 'too many pieces; use a larger piece size');
  const hashes = new Uint8Array(pieceCount * HASH_LENGTH);
  let file = 0;
  let fileStart = 0;
  for (let p = 0; p < pieceCount; p++) {
    const start = p * pieceSize;
    const end = Math.min(start + pieceSize, total);
    const parts = [];
    for (let pos = start; pos < end;) {
      while (fileStart + files[file].size <= pos) fileStart += files[file++].size;
      const to = Math.min(end, fileStart + files[file].size);
      parts.push(entries[file].blob.slice(pos - fileStart, to - fileStart));
      pos = to;
    }
    const piece = new Uint8Array(await new Blob(parts).arrayBuffer());
    hashes.set(await sha256(piece), p * HASH_LENGTH);
  }
  return new Manifest(name, files, pieceSize, hashes);
}
