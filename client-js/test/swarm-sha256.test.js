import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Sync } from '../src/swarm/sha256.js';
import { sha256, toHex } from '../src/swarm/bytes.js';

const lengths = [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 65536, 262147];
for (const n of lengths) {
  test(`the synchronous SHA-256 of ${n} bytes equals WebCrypto's`, async () => {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = (i * 31 + 7) & 0xff;
    assert.equal(toHex(sha256Sync(data)), toHex(await sha256(data)));
  });
}

test('the synchronous SHA-256 of "abc" is the FIPS 180-2 example', () => {
  assert.equal(toHex(sha256Sync(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
