// Benchmarks the client-js swarm hot paths against baselines measured in the same run:
//   - sha256Sync (the session's piece check) against WebCrypto's crypto.subtle.digest, 256 KiB pieces
//   - codec encode of a 64 KiB PIECE against a plain 64 KiB copy; decode (zero-copy) against the same
// Usage: node bench/swarm-js-hotpaths.mjs   (bounded: a few seconds)
import { sha256Sync } from '../client-js/src/swarm/sha256.js';
import { encode, decode } from '../client-js/src/swarm/codec.js';

function rate(fn, ms = 1500) {
  for (let i = 0; i < 20; i++) fn(); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) { fn(); n++; }
  return (n * 1000) / (performance.now() - start);
}

async function asyncRate(fn, ms = 1500) {
  for (let i = 0; i < 20; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) { await fn(); n++; }
  return (n * 1000) / (performance.now() - start);
}

const piece = new Uint8Array(256 * 1024).map((_, i) => (i * 31 + 7) & 0xff);
const block = piece.subarray(0, 65536);
const wire = encode({ type: 'PIECE', piece: 3, offset: 0, data: block });

const webcrypto = await asyncRate(() => crypto.subtle.digest('SHA-256', piece));
const sync = rate(() => sha256Sync(piece));
const copy = rate(() => { const out = new Uint8Array(65545); out.set(block, 9); return out; });
const enc = rate(() => encode({ type: 'PIECE', piece: 3, offset: 0, data: block }));
const dec = rate(() => decode(wire));

const mb = (ops, bytes) => ((ops * bytes) / 1e6).toFixed(0);
console.log(`sha256Sync 256 KiB   ${sync.toFixed(0)} ops/s (${mb(sync, piece.length)} MB/s) = ${(sync / webcrypto).toFixed(2)}x WebCrypto (${mb(webcrypto, piece.length)} MB/s)`);
console.log(`encode 64 KiB PIECE  ${enc.toFixed(0)} ops/s = ${(enc / copy).toFixed(2)}x a plain 64 KiB copy`);
console.log(`decode 64 KiB PIECE  ${dec.toFixed(0)} ops/s = ${(dec / copy).toFixed(0)}x a plain 64 KiB copy (zero-copy)`);
