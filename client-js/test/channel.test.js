import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Channel, MAX_MESSAGE_BYTES, messageSize } from '../src/channel.js';
import { FakeDataChannel, flush } from './support/fake-channel.js';
import { recordEvents } from './support/fakes.js';

const KiB = 1024;
const block = (n) => new ArrayBuffer(n);

describe('Channel', () => {
  it('configures binary type arraybuffer and the low-water threshold', () => {
    const dc = new FakeDataChannel();
    new Channel(dc, { highWaterMark: 512 * KiB, lowWaterMark: 128 * KiB });
    assert.equal(dc.binaryType, 'arraybuffer');
    assert.equal(dc.bufferedAmountLowThreshold, 128 * KiB);
  });

  it('sends at once while the buffer is under the high-water mark', async () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc, { highWaterMark: 256 * KiB, lowWaterMark: 64 * KiB });
    await ch.send(block(64 * KiB));
    await ch.send(block(64 * KiB));
    assert.equal(dc.sent.length, 2);
  });

  it('sendNow sends only when nothing waits ahead and there is room, and never queues', async () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc, { highWaterMark: 64 * KiB, lowWaterMark: 0 });
    assert.equal(ch.sendNow(block(64 * KiB)), true);
    assert.equal(ch.sendNow(block(1)), true, 'at the high-water mark there is still room');
    assert.equal(ch.sendNow(block(64 * KiB)), false, 'over the high-water mark: not sent');
    const queued = ch.send(block(1));
    dc.drain(128 * KiB);
    assert.equal(ch.sendNow(block(1)), false, 'an earlier send still waits: order is kept');
    await queued;
    assert.equal(ch.sendNow(block(1)), true);
    assert.equal(dc.sent.length, 4);
    assert.throws(() => ch.sendNow(block(256 * KiB + 1)), { code: 'MESSAGE_TOO_LARGE' });
  });

  it('holds sends above the high-water mark until bufferedamountlow, keeping their order', async () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc, { highWaterMark: 128 * KiB, lowWaterMark: 64 * KiB });
    const done = [];
    const sends = [];
    for (let i = 0; i < 5; i++) {
      const data = new Uint8Array(64 * KiB).fill(i);
      sends.push(ch.send(data).then(() => done.push(i)));
    }
    await flush();
    // 0, 1 and 2 fit (buffered 0, 64, 128 KiB <= high); then 192 KiB > high: the rest wait.
    assert.deepEqual(done, [0, 1, 2]);
    assert.equal(dc.bufferedAmount, 192 * KiB);
    dc.drain(64 * KiB); // 128 KiB: still above the low mark, no event
    await flush();
    assert.deepEqual(done, [0, 1, 2]);
    dc.drain(64 * KiB); // 64 KiB: event fires
    await Promise.all(sends);
    assert.deepEqual(done, [0, 1, 2, 3, 4]);
    assert.deepEqual(dc.sent.map((d) => d[0]), [0, 1, 2, 3, 4]);
  });

  it('keeps later sends going when a queued send fails', async () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc, { highWaterMark: 0, lowWaterMark: 0 });
    await ch.send(block(1));
    const realSend = dc.send.bind(dc);
    let failNext = true;
    dc.send = (data) => { if (failNext) { failNext = false; throw new Error('OperationError'); } realSend(data); };
    const first = ch.send(block(2));
    const second = ch.send(block(3));
    dc.drain(1);
    await assert.rejects(first, { code: 'CHANNEL_ERROR' });
    await second;
    assert.deepEqual(dc.sent.map((d) => d.byteLength), [1, 3]);
  });

  it('waits for a connecting channel to open', async () => {
    const dc = new FakeDataChannel('chat', 'connecting');
    const ch = new Channel(dc);
    const sent = ch.send('hi');
    await flush();
    assert.equal(dc.sent.length, 0);
    dc.open();
    await sent;
    assert.deepEqual(dc.sent, ['hi']);
  });

  const sizes = [
    ['a binary message of exactly 256 KiB is accepted', block(MAX_MESSAGE_BYTES), null],
    ['a binary message one byte over is refused', block(MAX_MESSAGE_BYTES + 1), 'MESSAGE_TOO_LARGE'],
    ['a string over the limit in UTF-8 bytes is refused', 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 1), 'MESSAGE_TOO_LARGE'],
  ];
  for (const [name, data, code] of sizes) {
    it(name, async () => {
      const dc = new FakeDataChannel();
      const ch = new Channel(dc, { highWaterMark: 2 * MAX_MESSAGE_BYTES });
      if (code) await assert.rejects(ch.send(data), { code });
      else await ch.send(data);
      assert.equal(dc.sent.length, code ? 0 : 1);
    });
  }

  it('measures strings in UTF-8 bytes', () => {
    assert.equal(messageSize('aé€'), 1 + 2 + 3);
    assert.equal(messageSize(new Uint16Array(3)), 6);
  });

  it('rejects waiting sends with CHANNEL_CLOSED when the channel closes', async () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc, { highWaterMark: 0, lowWaterMark: 0 });
    await ch.send(block(10));
    const waiting = ch.send(block(10));
    dc.remoteClose();
    await assert.rejects(waiting, { code: 'CHANNEL_CLOSED' });
    await assert.rejects(ch.send(block(1)), { code: 'CHANNEL_CLOSED' });
  });

  it('closes once however often close() is called', () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc);
    const log = recordEvents(ch, ['close']);
    ch.close();
    ch.close();
    dc.remoteClose();
    assert.equal(log.length, 1);
    assert.equal(dc.closeCalls, 1);
  });

  it('emits error at most once, then close', () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc);
    const log = recordEvents(ch, ['error', 'close']);
    dc.fail('sctp failure');
    dc.fail('again');
    assert.deepEqual(log.map(([n, p]) => [n, p?.code]), [['error', 'CHANNEL_ERROR'], ['close', undefined]]);
  });

  it('delivers messages as they arrive', () => {
    const dc = new FakeDataChannel();
    const ch = new Channel(dc);
    const log = recordEvents(ch, ['message']);
    const buf = block(3);
    dc.receive(buf);
    dc.receive('text');
    assert.deepEqual(log, [['message', buf], ['message', 'text']]);
  });

  it('refuses inconsistent watermarks', () => {
    assert.throws(() => new Channel(new FakeDataChannel(), { highWaterMark: 1, lowWaterMark: 2 }), RangeError);
  });
});
