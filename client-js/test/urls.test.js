import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildDownloadLink, defaultIceServersUrl, defaultSignalingUrl, parseChatRoom, parseDownloadLink, randomRoom,
} from '../src/urls.js';

const CONTENT = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('URL helpers', () => {
  it('derives the signaling and ICE URLs from the page location', () => {
    assert.equal(defaultSignalingUrl({ protocol: 'https:', host: 'example.org' }), 'wss://example.org/ws');
    assert.equal(defaultSignalingUrl({ protocol: 'http:', host: '127.0.0.1:8080' }), 'ws://127.0.0.1:8080/ws');
    assert.equal(defaultIceServersUrl({ origin: 'http://127.0.0.1:8080' }), 'http://127.0.0.1:8080/api/ice-servers');
  });

  it('refuses to guess a signaling URL for a file:// page', () => {
    assert.throws(() => defaultSignalingUrl({ protocol: 'file:', host: '' }), { code: 'BAD_LINK' });
  });

  it('reads room and content id from a full link or a bare fragment', () => {
    const link = buildDownloadLink('https://example.org/', 'team-42', CONTENT);
    assert.equal(link, `https://example.org/download.html#room=team-42&content=${CONTENT}`);
    assert.deepEqual(parseDownloadLink(link), { room: 'team-42', contentId: CONTENT });
    assert.deepEqual(parseDownloadLink(`#content=${CONTENT}&room=r`), { room: 'r', contentId: CONTENT });
  });

  it('accepts an upper- or mixed-case content id and returns it lowercase, as the protocol allows', () => {
    const mixed = CONTENT.slice(0, 32).toUpperCase() + CONTENT.slice(32);
    for (const content of [CONTENT.toUpperCase(), mixed]) {
      assert.deepEqual(parseDownloadLink(`#room=r&content=${content}`), { room: 'r', contentId: CONTENT });
    }
  });

  const malformed = [
    ['no fragment at all', 'https://example.org/download.html', 'room'],
    ['a missing room', `#content=${CONTENT}`, 'room'],
    ['a room with spaces', `#room=a%20b&content=${CONTENT}`, 'room'],
    ['a missing content id', '#room=r', 'content'],
    ['a content id with a non-hex character', `#room=r&content=${CONTENT.slice(1)}g`, 'content'],
    ['a truncated content id', `#room=r&content=${CONTENT.slice(1)}`, 'content'],
  ];
  for (const [name, link, field] of malformed) {
    it(`reports ${name} as BAD_LINK naming ${field}`, () => {
      assert.throws(() => parseDownloadLink(link), (err) => err.code === 'BAD_LINK' && err.details.field === field);
    });
  }

  it('reads the chat room, null when absent, BAD_ROOM_NAME when invalid', () => {
    assert.equal(parseChatRoom('#room=lobby'), 'lobby');
    assert.equal(parseChatRoom(''), null);
    assert.throws(() => parseChatRoom('#room=../x'), { code: 'BAD_ROOM_NAME' });
  });

  it('makes random rooms that are valid room ids', () => {
    const a = randomRoom();
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(a, randomRoom());
  });
});
