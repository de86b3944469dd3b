/**
 * A small QR code encoder for share links (ISO/IEC 18004): byte mode, error correction level M,
 * versions 1-10 (up to 213 bytes of UTF-8), automatic mask choice by the standard penalty rules.
 *
 * @example
 * const qr = encodeQr('https://example.org/download.html#room=r&content=...');
 * svg.setAttribute('viewBox', `0 0 ${qr.size + 8} ${qr.size + 8}`);
 * path.setAttribute('d', qrSvgPath(qr, 4));
 * @module qr
 */

/** Level M per version: [EC codewords per block, [[block count, data codewords per block], ...]]. */
/** @type {ReadonlyArray<[number, Array<[number, number]>]>} */
const LEVEL_M = [
  [0, []], // no version 0
  [10, [[1, 16]]], [16, [[1, 28]]], [26, [[1, 44]]], [18, [[2, 32]]], [24, [[2, 43]]],
  [16, [[4, 27]]], [18, [[4, 31]]], [22, [[2, 38], [2, 39]]], [22, [[3, 36], [2, 37]]], [26, [[4, 43], [1, 44]]],
];
/** Alignment pattern centre coordinates per version. */
/** @type {ReadonlyArray<number[]>} */
const ALIGNMENT = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];
export const MAX_VERSION = 10;
const EC_LEVEL_M_BITS = 0b00;

/**
 * @typedef {object} QrCode
 * @property {number} version 1-10
 * @property {number} size modules per side (17 + 4 * version)
 * @property {number} mask 0-7
 * @property {Uint8Array} modules row-major, 1 = dark
 */

// ---------------------------------------------------------------- Reed-Solomon over GF(256)

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d; // primitive polynomial x^8 + x^4 + x^3 + x^2 + 1
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}
/** @param {number} a @param {number} b */
const gfMul = (a, b) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);

/** Generator polynomial (x - a^0)(x - a^1)...(x - a^(n-1)), coefficients high to low, leading 1 dropped. */
function generator(/** @type {number} */ n) {
  let poly = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= gfMul(poly[j], EXP[i]);
    }
    poly = next;
  }
  return poly.slice(1);
}

/**
 * Error correction codewords: the remainder of data * x^n divided by the generator.
 * @param {Uint8Array} data
 * @param {number} n
 * @returns {Uint8Array}
 */
export function reedSolomon(data, n) {
  const gen = generator(n);
  const rem = new Uint8Array(n);
  for (const byte of data) {
    const factor = byte ^ rem[0];
    rem.copyWithin(0, 1);
    rem[n - 1] = 0;
    for (let i = 0; i < n; i++) rem[i] ^= gfMul(gen[i], factor);
  }
  return rem;
}

// ---------------------------------------------------------------- codewords

/** @param {number} version */
function dataCapacity(version) {
  return LEVEL_M[version][1].reduce((sum, [count, size]) => sum + count * size, 0);
}

/** Largest byte-mode payload at level M for a version. */
export function byteCapacity(/** @type {number} */ version) {
  const countBits = version < 10 ? 8 : 16;
  return Math.floor((dataCapacity(version) * 8 - 4 - countBits) / 8);
}

/** @param {Uint8Array} bytes @param {number} version @returns {Uint8Array} data codewords */
function dataCodewords(bytes, version) {
  const capacity = dataCapacity(version);
  /** @type {number[]} */
  const bits = [];
  const put = (/** @type {number} */ value, /** @type {number} */ len) => {
    for (let i = len - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4); // byte mode
  put(bytes.length, version < 10 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, capacity * 8 - bits.length)); // terminator
  while (bits.length % 8) bits.push(0);
  const out = new Uint8Array(capacity);
  for (let i = 0; i < bits.length; i += 8) {
    out[i / 8] = bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | bit, 0);
  }
  for (let i = bits.length / 8, pad = 0; i < capacity; i++, pad++) out[i] = pad % 2 === 0 ? 0xec : 0x11;
  return out;
}

/** Splits into blocks, adds EC per block and interleaves (data first, then EC). */
function finalCodewords(/** @type {Uint8Array} */ data, /** @type {number} */ version) {
  const [ecLen, groups] = LEVEL_M[version];
  /** @type {Uint8Array[]} */ const blocks = [];
  let offset = 0;
  for (const [count, size] of groups) {
    for (let i = 0; i < count; i++, offset += size) blocks.push(data.subarray(offset, offset + size));
  }
  const ecBlocks = blocks.map((b) => reedSolomon(b, ecLen));
  /** @type {number[]} */ const out = [];
  const longest = Math.max(...blocks.map((b) => b.length));
  for (let i = 0; i < longest; i++) for (const b of blocks) if (i < b.length) out.push(b[i]);
  for (let i = 0; i < ecLen; i++) for (const e of ecBlocks) out.push(e[i]);
  return out;
}

// ---------------------------------------------------------------- matrix

class Matrix {
  /** @param {number} version */
  constructor(version) {
    this.version = version;
    this.size = 17 + 4 * version;
    this.dark = new Uint8Array(this.size * this.size);
    this.reserved = new Uint8Array(this.size * this.size);
  }
  /** @param {number} x column @param {number} y row @param {boolean|number} dark */
  fn(x, y, dark) {
    const i = y * this.size + x;
    this.dark[i] = dark ? 1 : 0;
    this.reserved[i] = 1;
  }
}

/** @param {Matrix} m */
function drawFunctionPatterns(m) {
  const { size, version } = m;
  for (let i = 0; i < size; i++) { m.fn(6, i, i % 2 === 0); m.fn(i, 6, i % 2 === 0); } // timing
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx; const y = cy + dy;
        const ring = Math.max(Math.abs(dx), Math.abs(dy)); // 4 = separator
        if (x >= 0 && x < size && y >= 0 && y < size) m.fn(x, y, ring !== 2 && ring !== 4);
      }
    }
  }
  const centres = ALIGNMENT[version];
  for (const cy of centres) {
    for (const cx of centres) {
      const nearFinder = (cx === 6 && cy === 6) || (cx === 6 && cy === size - 7) || (cx === size - 7 && cy === 6);
      if (nearFinder) continue;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) m.fn(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }
  drawFormat(m, 0); // reserve; redrawn per mask
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const bit = (bits >>> i) & 1;
      const a = size - 11 + (i % 3); const b = Math.floor(i / 3);
      m.fn(a, b, bit);
      m.fn(b, a, bit);
    }
  }
}

/** 15-bit format information for level M and a mask. */
export function formatBits(/** @type {number} */ mask) {
  const data = (EC_LEVEL_M_BITS << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** @param {Matrix} m @param {number} mask */
function drawFormat(m, mask) {
  const bits = formatBits(mask);
  const bit = (/** @type {number} */ i) => (bits >>> i) & 1;
  const { size } = m;
  for (let i = 0; i <= 5; i++) m.fn(8, i, bit(i));
  m.fn(8, 7, bit(6));
  m.fn(8, 8, bit(7));
  m.fn(7, 8, bit(8));
  for (let i = 9; i < 15; i++) m.fn(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) m.fn(size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) m.fn(8, size - 15 + i, bit(i));
  m.fn(8, size - 8, 1); // the dark module
}

/** Places codeword bits in the two-column zigzag, bottom-right first, skipping the timing column. */
function placeData(/** @type {Matrix} */ m, /** @type {number[]} */ codewords) {
  const { size } = m;
  let i = 0;
  const total = codewords.length * 8;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const y = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const idx = y * size + right - j;
        if (m.reserved[idx]) continue;
        if (i < total) m.dark[idx] = (codewords[i >>> 3] >>> (7 - (i & 7))) & 1;
        i++; // remainder bits stay light
      }
    }
  }
}

/** @type {ReadonlyArray<(x: number, y: number) => boolean>} */
const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** @param {Matrix} m @param {number} mask */
function applyMask(m, mask) {
  const f = MASKS[mask];
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      const i = y * m.size + x;
      if (!m.reserved[i] && f(x, y)) m.dark[i] ^= 1;
    }
  }
}

/** Penalty score (ISO 18004 section 7.8.3): runs, 2x2 blocks, finder-like patterns, balance. */
export function penalty(/** @type {Uint8Array} */ dark, /** @type {number} */ size) {
  let score = 0;
  const at = (/** @type {number} */ x, /** @type {number} */ y) => dark[y * size + x];
  for (let pass = 0; pass < 2; pass++) {
    const get = pass === 0 ? at : (/** @type {number} */ a, /** @type {number} */ b) => at(b, a);
    for (let a = 0; a < size; a++) {
      let run = 1;
      for (let b = 1; b <= size; b++) {
        if (b < size && get(b, a) === get(b - 1, a)) { run++; continue; }
        if (run >= 5) score += run - 2;
        run = 1;
      }
      // 1:1:3:1:1 dark pattern with 4 light modules on one side (outside the symbol counts as light)
      for (let b = -4; b < size; b++) {
        const cell = (/** @type {number} */ k) => (k < 0 || k >= size ? 0 : get(k, a));
        const core = cell(b) && !cell(b + 1) && cell(b + 2) && cell(b + 3) && cell(b + 4) && !cell(b + 5) && cell(b + 6);
        if (!core) continue;
        const lightBefore = !cell(b - 1) && !cell(b - 2) && !cell(b - 3) && !cell(b - 4);
        const lightAfter = !cell(b + 7) && !cell(b + 8) && !cell(b + 9) && !cell(b + 10);
        if (lightBefore || lightAfter) score += 40;
      }
    }
  }
  for (let y = 0; y < size - 1; y++) {
    for (let x = 0; x < size - 1; x++) {
      const c = at(x, y);
      if (c === at(x + 1, y) && c === at(x, y + 1) && c === at(x + 1, y + 1)) score += 3;
    }
  }
  let darkCount = 0;
  for (const d of dark) darkCount += d;
  score += Math.floor(Math.abs((darkCount * 100) / dark.length - 50) / 5) * 10;
  return score;
}

/**
 * Encodes text (as UTF-8 bytes) into the smallest version 1-10 QR code at level M.
 * @param {string|Uint8Array} content
 * @param {{mask?: number, minVersion?: number}} [options] force a mask (tests) or a minimum version
 * @returns {QrCode}
 * @throws {RangeError} when the content does not fit version 10 (213 bytes)
 */
export function encodeQr(content, options = {}) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let version = Math.max(1, options.minVersion ?? 1);
  while (version <= MAX_VERSION && bytes.length > byteCapacity(version)) version++;
  if (version > MAX_VERSION) throw new RangeError(`${bytes.length} bytes do not fit a version ${MAX_VERSION} QR code (max ${byteCapacity(MAX_VERSION)})`);
  const m = new Matrix(version);
  drawFunctionPatterns(m);
  placeData(m, finalCodewords(dataCodewords(bytes, version), version));
  const candidates = options.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [options.mask];
  let best = { mask: -1, score: Infinity, dark: m.dark };
  for (const mask of candidates) {
    const trial = Object.assign(new Matrix(version), { dark: m.dark.slice(), reserved: m.reserved });
    applyMask(trial, mask);
    drawFormat(trial, mask);
    const score = penalty(trial.dark, trial.size);
    if (score < best.score) best = { mask, score, dark: trial.dark };
  }
  return { version, size: m.size, mask: best.mask, modules: best.dark };
}

/**
 * SVG path data drawing every dark module as a unit square, offset by a quiet-zone margin.
 * Use with viewBox `0 0 (size + 2 margin) (size + 2 margin)` and `shape-rendering="crispEdges"`.
 * @param {QrCode} qr
 * @param {number} [margin=4]
 * @returns {string}
 */
export function qrSvgPath(qr, margin = 4) {
  const parts = [];
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (qr.modules[y * qr.size + x]) parts.push(`M${x + margin} ${y + margin}h1v1h-1z`);
    }
  }
  return parts.join('');
}
