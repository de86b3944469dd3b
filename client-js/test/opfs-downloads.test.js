// The bookkeeping of OPFS downloads (src/storage/opfs-downloads.js): kept manifests, done markers,
// removal, and the sweep of other downloads' leftovers that skips those a live session holds.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  STALE_MS, holdDownload, loadManifest, markDone, removeDownload, saveManifest, sweepDownloads,
} from '../src/storage/opfs-downloads.js';
import { installFakeOpfs } from './support/fake-opfs.js';

/** Web Locks as far as the module uses them: exclusive, ifAvailable. */
function fakeLocks() {
  const held = new Set();
  return {
    held,
    async request(name, options, callback) {
      const cb = callback ?? options;
      if (callback && options.ifAvailable && held.has(name)) return cb(null);
      held.add(name);
      try { return await cb({ name }); } finally { held.delete(name); }
    },
  };
}

describe('OPFS downloads', () => {
  let fs;
  afterEach(() => fs.uninstall());

  it('keeps a manifest, reads it back, and removes data, manifest and marker together', async () => {
    fs = installFakeOpfs();
    assert.equal(await loadManifest('c0ffee'), null);
    await saveManifest('c0ffee', new Uint8Array([1, 2, 3]));
    assert.deepEqual(await loadManifest('c0ffee'), new Uint8Array([1, 2, 3]));
    fs.files.set('/swarmrtc/c0ffee', new Uint8Array(10));
    await markDone('c0ffee');
    await removeDownload('c0ffee');
    assert.deepEqual([...fs.files.keys()].filter((k) => k.startsWith('/swarmrtc/')), []);
  });

  it('sweeps finished and stale downloads, keeping fresh unfinished ones, the current one and held ones', async () => {
    const locks = fakeLocks();
    fs = installFakeOpfs({ locks });
    const now = 10 * STALE_MS;
    const put = (name, age, done = false) => {
      fs.files.set(`/swarmrtc/${name}`, new Uint8Array(4));
      fs.files.set(`/swarmrtc/${name}.manifest`, new Uint8Array(1));
      fs.touch(`/swarmrtc/${name}`, now - age);
      fs.touch(`/swarmrtc/${name}.manifest`, now - age);
      if (done) fs.files.set(`/swarmrtc/${name}.done`, new Uint8Array(0));
    };
    put('finished', 1000, true);
    put('stale', STALE_MS + 1);
    put('fresh', 1000);
    put('current', STALE_MS + 1, true);
    put('held-elsewhere', STALE_MS + 1, true);
    const release = holdDownload('held-elsewhere');
    await new Promise((r) => setImmediate(r));
    const removed = await sweepDownloads({ keep: 'current', now });
    release();
    assert.deepEqual(removed.sort(), ['finished', 'stale']);
    const left = [...new Set([...fs.files.keys()].map((k) => k.split('/').pop().split('.')[0]))].sort();
    assert.deepEqual(left, ['current', 'fresh', 'held-elsewhere']);
  });
});
