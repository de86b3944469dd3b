import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateMeter, etaSeconds, formatBytes, formatDuration } from '../src/speed.js';

describe('rate meter', () => {
  it('averages over the window and forgets older bytes', () => {
    let now = 0;
    const meter = new RateMeter({ windowMs: 1000, now: () => now });
    now = 500; meter.add(500);
    now = 1000; meter.add(500);
    assert.equal(meter.rate(), 1000);
    now = 1600; // the sample at 500 left the window
    assert.equal(meter.rate(), 500);
    now = 3000;
    assert.equal(meter.rate(), 0);
    assert.equal(meter.total, 1000);
  });

  it('uses the elapsed time while younger than the window', () => {
    let now = 0;
    const meter = new RateMeter({ windowMs: 5000, now: () => now });
    now = 1000; meter.add(2000);
    assert.equal(meter.rate(), 2000);
  });
});

describe('formatting', () => {
  it('computes the ETA, unknown without progress', () => {
    assert.equal(etaSeconds(1000, 300), 4);
    assert.equal(etaSeconds(0, 0), 0);
    assert.equal(etaSeconds(10, 0), null);
  });
  const sizes = [[0, '0 B'], [1023, '1023 B'], [1536, '1.5 KiB'], [10 * 1024 * 1024, '10 MiB'], [3 * 1024 ** 3, '3.0 GiB']];
  for (const [bytes, text] of sizes) it(`shows ${bytes} bytes as ${text}`, () => assert.equal(formatBytes(bytes), text));
  it('shows durations', () => {
    assert.deepEqual([null, 5, 125, 7300].map(formatDuration), ['—', '5 s', '2 min 5 s', '2 h 1 min']);
  });
});
