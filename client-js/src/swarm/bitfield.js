// A fixed-size set of piece indexes with the wire layout of BITFIELD: piece i is bit (7 - i % 8) of
// byte i / 8, spare bits zero.

export class Bitfield {
  /** @param {number} size */
  constructor(size) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`size ${size}`);
    this.size = size;
    this._bits = new Uint8Array(Math.ceil(size / 8));
    this._count = 0;
  }

  /** A bitfield with every piece set. @param {number} size */
  static full(size) {
    const b = new Bitfield(size);
    for (let i = 0; i < size; i++) b.set(i);
    return b;
  }

  /**
   * Parses a BITFIELD payload for size pieces.
   * @param {Uint8Array} wire @param {number} size
   * @throws {RangeError} on a wrong length or a set spare bit
   */
  static fromWire(wire, size) {
    const b = new Bitfield(size);
    if (wire.length !== b._bits.length) throw new RangeError(`bitfield of ${wire.length} bytes for ${size} pieces`);
    b._bits.set(wire);
    if (size % 8 !== 0 && (b._bits[b._bits.length - 1] & (0xff >> (size % 8))) !== 0) throw new RangeError('spare bits set');
    for (const x of b._bits) {
      let v = x;
      while (v) { b._count += v & 1; v >>= 1; }
    }
    return b;
  }

  /** The wire layout (a fresh copy). */
  toWire() {
    return this._bits.slice();
  }

  /** @param {number} i */
  get(i) {
    if (!(i >= 0 && i < this.size)) throw new RangeError(`piece ${i} of ${this.size}`);
    return (this._bits[i >> 3] & (0x80 >> (i & 7))) !== 0;
  }

  /** Sets piece i; returns whether it was clear. @param {number} i */
  set(i) {
    if (this.get(i)) return false;
    this._bits[i >> 3] |= 0x80 >> (i & 7);
    this._count++;
    return true;
  }

  /** Clears piece i; returns whether it was set. @param {number} i */
  clear(i) {
    if (!this.get(i)) return false;
    this._bits[i >> 3] &= ~(0x80 >> (i & 7));
    this._count--;
    return true;
  }

  /** Number of pieces set. */
  get cardinality() {
    return this._count;
  }

  isComplete() {
    return this._count === this.size;
  }

  copy() {
    const b = new Bitfield(this.size);
    b._bits.set(this._bits);
    b._count = this._count;
    return b;
  }
}
