import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildManifest, decodeManifest, defaultPieceSize, createManifest } from '../src/swarm/manifest.js';
import { ManifestFormatError } from '../src/swarm/errors.js';
import { fromHex, toHex } from '../src/swarm/bytes.js';
import { loadVector, vectorIndex, caseBytes } from './swarm-vectors.test.js';

const index = vectorIndex();

for (const path of index.manifests) {
  const v = loadVector(path);

  test(`decoding ${path} gives its fields, geometry and content id`, async () => {
    const m = decodeManifest(fromHex(v.hex));
    assert.equal(m.name, v.name);
    assert.equal(m.pieceSize, v.pieceSize);
    assert.equal(m.totalSize, v.totalSize);
    assert.deepEqual(m.files.map((f) => ({ ...f })), v.files.map((f) => ({ path: f.path, size: f.size })));
    assert.equal(m.pieceCount, v.pieces.length);
    v.pieces.forEach((p, i) => {
      assert.equal(toHex(m.pieceHash(i)), p.sha256);
      assert.ok(m.pieceHashEquals(i, fromHex(p.sha256)));
      assert.equal(m.pieceOffset(i), p.offset);
      assert.equal(m.pieceLength(i), p.length);
      assert.deepEqual(m.fileSlices(i), p.fileSlices, `file slices of piece ${i}`);
    });
    assert.equal(toHex(m.bytes), v.hex);
    assert.equal(await m.contentId(), v.contentId);
  });

  test(`hashing the files of ${path} as Blobs reproduces its bytes and content id`, async () => {
    const entries = v.files.map((f) => ({ path: f.path, blob: new Blob([fromHex(f.contentHex)]) }));
    const m = await buildManifest(v.name, entries, { pieceSize: v.pieceSize });
    assert.equal(toHex(m.bytes), v.hex);
    assert.equal(await m.contentId(), v.contentId);
  });
}

for (const c of loadVector(index.invalidManifests).cases) {
  test(`rejects ${c.name}, naming ${c.field}`, () => {
    assert.throws(() => decodeManifest(caseBytes(c)), (e) => e instanceof ManifestFormatError && e.field === c.field);
  });
}

const pieceSizes = [
  [0, 262144], [1, 262144], [536870912, 262144], [536870913, 524288],
  [1073741824, 524288], [34359738368, 16777216], [34359738369, 16777216],
];
for (const [total, expected] of pieceSizes) {
  test(`${total} bytes get ${expected}-byte pieces by default`, () => {
    assert.equal(defaultPieceSize(total), expected);
  });
}

test('createManifest checks there is one hash per piece', () => {
  assert.throws(() => createManifest({ name: 'x', files: [{ path: 'a', size: 20000 }], pieceSize: 16384, pieceHashes: [new Uint8Array(32)] }),
    (e) => e.field === 'pieceCount');
});

test('an unsafe path is rejected when building', async () => {
  await assert.rejects(buildManifest('x', [{ path: '../etc/passwd', blob: new Blob(['a']) }]), (e) => e.field === 'path');
});
