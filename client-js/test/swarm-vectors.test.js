// Loads the shared swarm vectors (protocol/src/test/resources/vectors/swarm), the same files the
// Java tests read.
import { readFileSync } from 'node:fs';
import { fromHex } from '../src/swarm/bytes.js';

const DIR = new URL('../../protocol/src/test/resources/vectors/swarm/', import.meta.url);

export function loadVector(relative) {
  return JSON.parse(readFileSync(new URL(relative, DIR), 'utf8'));
}

export function vectorIndex() {
  return loadVector('index.json');
}

/** An invalid case's input: its hex, zero-padded to padTo when present. */
export function caseBytes(c) {
  const b = fromHex(c.hex);
  if (c.padTo === undefined) return b;
  const out = new Uint8Array(c.padTo);
  out.set(b);
  return out;
}

// This file is also a test file (node --test runs every file under test/): it checks the index.
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

// Only when node --test runs this file itself, not when another test file imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  test('every file the vector index lists exists', () => {
    const index = vectorIndex();
    const files = [...index.messages, ...index.manifests, index.invalidMessages, index.invalidManifests, index.shareLinks, index.simulationTraces];
    assert.ok(files.length >= 20);
    for (const f of files) assert.ok(existsSync(new URL(f, DIR)), f);
  });
}
