// The shared signaling vectors (docs/signaling.md), also read by the Java tests. They live in the
// protocol module; the suite says so and skips when that module's resources are not in this tree.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { joinFrame, parseServerMessage } from '../src/signaling-messages.js';

const dir = new URL('../../protocol/src/test/resources/vectors/signaling/', import.meta.url);
const index = new URL('index.json', dir);
const present = existsSync(index);
const vectors = present ? JSON.parse(readFileSync(index, 'utf8')) : { valid: [], invalid: [] };

describe('shared signaling vectors', { skip: present ? false : 'protocol/src/test/resources/vectors/signaling is not in this tree' }, () => {
  for (const v of vectors.valid.filter((x) => x.direction === 'server-to-client')) {
    it(`parses ${v.file} to exactly its JSON`, () => {
      const text = readFileSync(new URL(v.file, dir), 'utf8').trim();
      const msg = parseServerMessage(text);
      assert.equal(msg.type, v.type);
      assert.deepEqual(msg, JSON.parse(text));
    });
  }

  for (const v of vectors.valid.filter((x) => x.direction === 'client-to-server' && x.type === 'join')) {
    it(`builds ${v.file} from its fields`, () => {
      const expected = JSON.parse(readFileSync(new URL(v.file, dir), 'utf8'));
      assert.deepEqual(JSON.parse(joinFrame(expected)), expected);
    });
  }

  for (const v of vectors.invalid.filter((x) => x.direction === 'server-to-client')) {
    it(`rejects ${v.frame} naming ${v.field}`, () => {
      assert.throws(() => parseServerMessage(v.frame), (err) => err.code === 'SIGNALING_PROTOCOL' && (v.field === null || err.details.field === v.field));
    });
  }
});
