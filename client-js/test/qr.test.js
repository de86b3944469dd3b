import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { byteCapacity, encodeQr, formatBits, penalty, qrSvgPath, reedSolomon } from '../src/qr.js';

// Reference symbols made by libqrencode (see the file's "source"), stored as rows of 0/1.
const vectors = JSON.parse(readFileSync(new URL('./vectors/qr-level-m.json', import.meta.url), 'utf8'));

/** Reads the mask from the reference symbol's format information (first copy, around the top-left finder). */
function maskOf(rows) {
  const bit = (x, y) => Number(rows[y][x]);
  let bits = 0;
  const positions = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  positions.forEach(([x, y], i) => { bits |= bit(x, y) << i; });
  const data = (bits ^ 0x5412) >>> 10;
  assert.equal(data >>> 3, 0b00, 'reference is level M');
  return data & 7;
}

const toRows = (qr) => Array.from({ length: qr.size }, (_, y) => Array.from(qr.modules.subarray(y * qr.size, (y + 1) * qr.size)).join(''));

describe('QR encoder', () => {
  for (const { text, version, rows } of vectors.cases) {
    const bytes = new TextEncoder().encode(text).length;
    it(`matches libqrencode bit for bit for ${bytes} bytes (version ${version})`, () => {
      const qr = encodeQr(text, { mask: maskOf(rows) });
      assert.equal(qr.version, version);
      assert.deepEqual(toRows(qr), rows);
    });
  }

  it('picks the mask with the lowest penalty', () => {
    const text = vectors.cases[8].text;
    const chosen = encodeQr(text);
    for (let mask = 0; mask < 8; mask++) {
      const other = encodeQr(text, { mask });
      assert.ok(penalty(chosen.modules, chosen.size) <= penalty(other.modules, other.size), `mask ${mask}`);
    }
  });

  it('uses the smallest version that fits and refuses content beyond version 10', () => {
    const cases = [[1, 14], [2, 15], [4, 62], [5, 63], [10, 213]];
    for (const [version, length] of cases) assert.equal(encodeQr('x'.repeat(length)).version, version, `${length} bytes`);
    assert.equal(byteCapacity(10), 213);
    assert.throws(() => encodeQr('x'.repeat(214)), RangeError);
  });

  it('computes the documented format information for level M mask 0', () => {
    // ISO 18004 Annex C: M, mask 0 -> 101010000010010
    assert.equal(formatBits(0), 0b101010000010010);
  });

  it('computes Reed-Solomon codewords of the standard example (version 1-M, "01234567")', () => {
    // ISO 18004 Annex I: data codewords of "01234567" in numeric mode at 1-M and their EC codewords.
    const data = Uint8Array.from([0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11]);
    assert.deepEqual(Array.from(reedSolomon(data, 10)), [0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
  });

  it('draws one unit square per dark module inside the quiet zone', () => {
    const qr = encodeQr('hello');
    const squares = qrSvgPath(qr, 4).match(/M\d+ \d+h1v1h-1z/g);
    assert.equal(squares.length, qr.modules.reduce((a, b) => a + b, 0));
    assert.ok(qrSvgPath(qr, 4).startsWith('M4 4h1v1h-1z'), 'top-left finder corner is dark');
  });
});
