import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, SERVER_ERROR_CODES, SwarmRtcError, toSwarmRtcError } from '../src/errors.js';

describe('error codes', () => {
  it('is frozen, so nobody can add or rename a code at run time', () => {
    assert.ok(Object.isFrozen(ErrorCodes));
    assert.throws(() => { 'use strict'; ErrorCodes.NEW = 'NEW'; }, TypeError);
  });

  it('maps every code to its own name', () => {
    for (const [key, value] of Object.entries(ErrorCodes)) assert.equal(value, key);
  });

  it('contains every server code of docs/signaling.md', () => {
    for (const code of SERVER_ERROR_CODES) assert.equal(ErrorCodes[code], code);
    assert.equal(SERVER_ERROR_CODES.size, 17);
  });

  it('carries code, details and cause', () => {
    const cause = new Error('low level');
    const err = new SwarmRtcError(ErrorCodes.STORAGE_FAILED, 'disk full', { cause, details: { piece: 3 } });
    assert.equal(err.code, 'STORAGE_FAILED');
    assert.equal(err.cause, cause);
    assert.deepEqual(err.details, { piece: 3 });
    assert.ok(err instanceof Error);
  });

  it('wraps foreign errors and leaves coded ones alone', () => {
    const coded = new SwarmRtcError('CLOSED', 'x');
    assert.equal(toSwarmRtcError(coded, 'INTERNAL'), coded);
    const wrapped = toSwarmRtcError(new TypeError('boom'), 'STORAGE_FAILED');
    assert.equal(wrapped.code, 'STORAGE_FAILED');
    assert.equal(wrapped.message, 'boom');
  });
});
