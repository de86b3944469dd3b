import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Channel } from '../src/channel.js';
import { Chat, MAX_CHAT_TEXT_BYTES, checkChatText, decodeChat, encodeChat, peerIdAnnouncement } from '../src/chat.js';
import { FakeDataChannel } from './support/fake-channel.js';
import { recordEvents } from './support/fakes.js';

describe('chat messages', () => {
  it('encodes the documented wire form', () => {
    assert.equal(encodeChat('hello', 1700000000000), '{"type":"chat","text":"hello","ts":1700000000000}');
  });

  it('accepts text of exactly 16 KiB in UTF-8 and refuses one byte more', () => {
    assert.equal(checkChatText('a'.repeat(MAX_CHAT_TEXT_BYTES)).length, MAX_CHAT_TEXT_BYTES);
    assert.throws(() => checkChatText('a'.repeat(MAX_CHAT_TEXT_BYTES - 1) + 'é'), { code: 'CHAT_TEXT_INVALID' });
  });

  it('refuses empty or non-string text', () => {
    for (const text of ['', null, 42, undefined]) assert.throws(() => checkChatText(text), { code: 'CHAT_TEXT_INVALID' });
  });

  it('accepts empty text and any integer ts from other implementations', () => {
    assert.deepEqual(decodeChat('{"type":"chat","text":"","ts":-5}'), { type: 'chat', text: '', ts: -5 });
  });

  it('decodes a valid message and ignores unknown fields', () => {
    assert.deepEqual(decodeChat('{"type":"chat","text":"hi","ts":5,"color":"red"}'), { type: 'chat', text: 'hi', ts: 5 });
  });

  const invalid = [
    ['binary data', new ArrayBuffer(4), 'frame'],
    ['text that is not JSON', 'hello', 'frame'],
    ['a JSON array', '[]', 'frame'],
    ['JSON null', 'null', 'frame'],
    ['another type', '{"type":"typing","text":"x","ts":1}', 'type'],
    ['a missing text', '{"type":"chat","ts":1}', 'text'],
    ['a numeric text', '{"type":"chat","text":5,"ts":1}', 'text'],
    ['text over 16 KiB', JSON.stringify({ type: 'chat', text: 'x'.repeat(MAX_CHAT_TEXT_BYTES + 1), ts: 1 }), 'text'],
    ['text under 16 Ki characters but over 16 KiB of UTF-8', JSON.stringify({ type: 'chat', text: 'é'.repeat(10_000), ts: 1 }), 'text'],
    ['a string ts', '{"type":"chat","text":"x","ts":"1"}', 'ts'],
    ['a fractional ts', '{"type":"chat","text":"x","ts":1.5}', 'ts'],
    ['a huge frame', 'x'.repeat(100_000), 'frame'],
  ];
  for (const [name, frame, field] of invalid) {
    it(`drops ${name} (field ${field})`, () => {
      assert.throws(() => decodeChat(frame), (err) => err.code === 'CHAT_MESSAGE_INVALID' && err.details.field === field);
    });
  }
});

describe('peer-id announcements on the chat channel', () => {
  const cases = [
    ['a well-formed announcement', '{"type":"peer-id","peerId":"aGVsbG8td29ybGQtaGVsbG8"}', 'aGVsbG8td29ybGQtaGVsbG8'],
    ['an announcement with unknown fields', '{"type":"peer-id","peerId":"abc_-1","extra":1}', 'abc_-1'],
    ['a chat message', '{"type":"chat","text":"peer-id","ts":1}', null],
    ['an id that is not a string', '{"type":"peer-id","peerId":7}', null],
    ['an id with characters no server issues', '{"type":"peer-id","peerId":"a b"}', null],
    ['text that is not JSON', '"peer-id" {', null],
    ['a binary frame', new Uint8Array([1]), null],
  ];
  for (const [name, frame, expected] of cases) {
    it(`reads ${expected === null ? 'nothing' : 'the new id'} from ${name}`, () => {
      assert.equal(peerIdAnnouncement(frame), expected);
    });
  }
});

describe('Chat', () => {
  function room() {
    const chat = new Chat({ now: () => 1000 });
    const a = new FakeDataChannel('chat');
    const b = new FakeDataChannel('chat');
    chat.attach('peer-a', new Channel(a));
    chat.attach('peer-b', new Channel(b));
    return { chat, a, b };
  }

  it('sends one frame to every peer', async () => {
    const { chat, a, b } = room();
    const result = await chat.send('hello all');
    assert.deepEqual(result, { ts: 1000, sentTo: ['peer-a', 'peer-b'] });
    assert.deepEqual(a.sent, ['{"type":"chat","text":"hello all","ts":1000}']);
    assert.deepEqual(b.sent, a.sent);
  });

  it('skips a peer whose channel has closed', async () => {
    const { chat, a } = room();
    a.remoteClose();
    assert.deepEqual((await chat.send('x')).sentTo, ['peer-b']);
  });

  it('reports received messages with the sender peer id and times', () => {
    const { chat, b } = room();
    const log = recordEvents(chat, ['message', 'invalid']);
    b.receive('{"type":"chat","text":"yo","ts":7}');
    b.receive('garbage');
    assert.deepEqual(log[0], ['message', { from: 'peer-b', text: 'yo', ts: 7, receivedAt: 1000 }]);
    assert.equal(log[1][0], 'invalid');
    assert.equal(log[1][1].code, 'CHAT_MESSAGE_INVALID');
    assert.equal(log[1][1].details.from, 'peer-b');
  });

  it('refuses text over the limit before sending anything', async () => {
    const { chat, a } = room();
    await assert.rejects(chat.send('x'.repeat(MAX_CHAT_TEXT_BYTES + 1)), { code: 'CHAT_TEXT_INVALID' });
    assert.equal(a.sent.length, 0);
  });
});
