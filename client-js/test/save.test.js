import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fetchIceServers } from '../src/ice-servers.js';
import { saveBlob } from '../src/storage/save.js';

/** A window stand-in recording what saveBlob does with the DOM. */
function fakeWindow({ picker } = {}) {
  const clicked = [];
  const timers = [];
  const revoked = [];
  const win = {
    URL: { createObjectURL: () => 'blob:fake/1', revokeObjectURL: (u) => revoked.push(u) },
    setTimeout: (fn, ms) => timers.push([fn, ms]),
    document: {
      body: { appendChild: () => {} },
      createElement: () => ({ style: {}, click() { clicked.push({ href: this.href, download: this.download }); }, remove() {} }),
    },
  };
  if (picker) win.showSaveFilePicker = picker;
  return { win, clicked, timers, revoked };
}

describe('saving a download', () => {
  it('streams into the file the user picked when the File System Access API exists', async () => {
    const chunks = [];
    let suggested;
    const { win } = fakeWindow({
      picker: async ({ suggestedName }) => {
        suggested = suggestedName;
        return { createWritable: async () => new WritableStream({ write: (c) => { chunks.push(c); } }) };
      },
    });
    assert.equal(await saveBlob(new Blob(['hello']), 'dir/report.pdf', { window: win }), 'picker');
    assert.equal(suggested, 'report.pdf');
    assert.equal(Buffer.concat(chunks.map((c) => Buffer.from(c))).toString(), 'hello');
  });

  it('reports a closed dialog as SAVE_FAILED with details.cancelled', async () => {
    const { win } = fakeWindow({ picker: async () => { throw Object.assign(new Error('aborted'), { name: 'AbortError' }); } });
    await assert.rejects(saveBlob(new Blob(['x']), 'a', { window: win }), (err) => err.code === 'SAVE_FAILED' && err.details.cancelled === true);
  });

  it('falls back to an <a download> and revokes the URL later, not at once', async () => {
    const { win, clicked, timers, revoked } = fakeWindow();
    assert.equal(await saveBlob(new Blob(['x']), 'a/b.txt', { window: win }), 'download');
    assert.deepEqual(clicked, [{ href: 'blob:fake/1', download: 'b.txt' }]);
    assert.deepEqual(revoked, []);
    assert.equal(timers[0][1], 60_000);
    timers[0][0]();
    assert.deepEqual(revoked, ['blob:fake/1']);
  });
});

describe('fetching ICE servers', () => {
  it('asks for the peer id and parses the answer', async () => {
    let asked;
    const result = await fetchIceServers('/api/ice-servers', 'peer-1', {
      baseUrl: 'http://127.0.0.1:8080/download.html',
      fetch: async (url) => { asked = url; return { ok: true, json: async () => ({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }], ttl: 5 }) }; },
    });
    assert.equal(asked, 'http://127.0.0.1:8080/api/ice-servers?peer=peer-1');
    assert.deepEqual(result, { iceServers: [{ urls: ['stun:127.0.0.1:3478'] }], ttl: 5 });
  });

  for (const [name, fetch] of [
    ['an HTTP error', async () => ({ ok: false, status: 500 })],
    ['a network error', async () => { throw new TypeError('Failed to fetch'); }],
    ['a body that is not JSON', async () => ({ ok: true, json: async () => { throw new SyntaxError('bad'); } })],
  ]) {
    it(`reports ${name} as ICE_SERVERS_UNAVAILABLE`, async () => {
      await assert.rejects(fetchIceServers('/api/ice-servers', 'p', { baseUrl: 'http://127.0.0.1/', fetch }), { code: 'ICE_SERVERS_UNAVAILABLE' });
    });
  }
});
