/**
 * Whether a download can make progress with the peers it is connected to: which missing pieces
 * no connected peer has, and a monitor that turns that into "stalled" / "resumed" after a grace
 * period (a peer that just connected needs a moment to announce its BITFIELD). Pure: the caller
 * passes the time in.
 * @module swarm/availability
 */

/**
 * @typedef {object} Availability
 * @property {number} missingPieces pieces we do not have yet
 * @property {number} unavailablePieces missing pieces that no connected peer has
 * @property {number} pieceCount
 */

/**
 * @param {{size: number, get(piece: number): boolean}} have our verified pieces
 * @param {ReadonlyArray<{hasPiece(piece: number): boolean}>} peers connected, handshaken peers
 * @returns {Availability}
 */
export function pieceAvailability(have, peers) {
  let missingPieces = 0;
  let unavailablePieces = 0;
  for (let piece = 0; piece < have.size; piece++) {
    if (have.get(piece)) continue;
    missingPieces += 1;
    if (!peers.some((p) => p.hasPiece(piece))) unavailablePieces += 1;
  }
  return { missingPieces, unavailablePieces, pieceCount: have.size };
}

/**
 * Reports a download as stalled once, when for `stallMs` every missing piece has been unavailable
 * (nothing left to fetch from anyone connected), and as resumed once, when some piece becomes
 * available again (or the download completes) after a stall was reported.
 *
 * @example
 * const monitor = new StallMonitor({ stallMs: 5000 });
 * const change = monitor.update(Date.now(), pieceAvailability(have, peers));
 * if (change?.stalled) showWarning(change.unavailablePieces);
 */
export class StallMonitor {
  /** @param {{stallMs?: number}} [options] */
  constructor({ stallMs = 5000 } = {}) {
    this.stallMs = stallMs;
    /** @type {number|null} since when every missing piece is unavailable */
    this._since = null;
    /** whether "stalled" was reported and "resumed" was not yet */
    this.stalled = false;
  }

  /**
   * @param {number} now milliseconds
   * @param {Availability} availability
   * @returns {(Availability & {stalled: boolean})|null} the change to report, or null
   */
  update(now, availability) {
    const stuck = availability.missingPieces > 0 && availability.unavailablePieces === availability.missingPieces;
    if (!stuck) {
      this._since = null;
      if (!this.stalled) return null;
      this.stalled = false;
      return { ...availability, stalled: false };
    }
    if (this._since === null) this._since = now;
    if (this.stalled || now - this._since < this.stallMs) return null;
    this.stalled = true;
    return { ...availability, stalled: true };
  }
}
