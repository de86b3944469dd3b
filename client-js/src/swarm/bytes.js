// Small byte helpers shared by the swarm modules.

const HEX = '0123456789abcdef';

/** @param {Uint8Array} bytes @returns {string} lowercase hex */
export function toHex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return s;
}

/** @param {string} hex @returns {Uint8Array|null} null unless an even number of hex digits */
export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** A Uint8Array view of any binary input, without copying. @param {ArrayBuffer|ArrayBufferView} data */
export function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('expected binary data');
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Strict UTF-8 decode; returns null on malformed input. @param {Uint8Array} bytes */
export function utf8Decode(bytes) {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 encode; returns null for strings with unpaired surrogates. @param {string} s */
export function utf8Encode(s) {
  if (typeof s !== 'string' || (s.isWellFormed ? !s.isWellFormed() : /[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')))) {
    return null;
  }
  return encoder.encode(s);
}

/** SHA-256 via WebCrypto. @param {Uint8Array} bytes @returns {Promise<Uint8Array>} */
export async function sha256(bytes) {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}
