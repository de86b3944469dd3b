import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShareLink, parseShareLink } from '../src/swarm/share-link.js';
import { ShareLinkError } from '../src/swarm/errors.js';
import { loadVector, vectorIndex } from './swarm-vectors.test.js';

const links = loadVector(vectorIndex().shareLinks);

for (const c of links.valid) {
  test(`parses ${c.name} and formats it canonically`, () => {
    const link = parseShareLink(c.url);
    assert.deepEqual(link, { origin: c.origin, room: c.room, content: c.content });
    assert.equal(formatShareLink(link), c.canonical);
    assert.deepEqual(parseShareLink(formatShareLink(link)), link);
  });
}

for (const c of links.invalid) {
  test(`rejects ${c.name}, naming ${c.field}`, () => {
    assert.throws(() => parseShareLink(c.url), (e) => e instanceof ShareLinkError && e.field === c.field && e.code === 'SHARE_LINK');
  });
}
