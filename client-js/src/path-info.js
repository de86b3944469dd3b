/**
 * Which network path a peer connection uses, read from getStats(): the selected candidate pair
 * and its local/remote candidates. `relayed` means the bytes go through a TURN server.
 * @module path-info
 */

/**
 * @typedef {object} PathInfo
 * @property {'direct'|'relayed'|'unknown'} kind
 * @property {string|null} localType host | srflx | prflx | relay
 * @property {string|null} remoteType
 * @property {string|null} protocol udp | tcp
 * @property {string|null} localAddress address:port
 * @property {string|null} remoteAddress address:port
 * @property {number|null} rttMs current round-trip time
 */

/** @type {PathInfo} */
export const UNKNOWN_PATH = Object.freeze({
  kind: 'unknown', localType: null, remoteType: null, protocol: null, localAddress: null, remoteAddress: null, rttMs: null,
});

/** @param {any} c */
const addressOf = (c) => {
  const address = c?.address ?? c?.ip;
  return address == null ? null : `${address}:${c.port}`;
};

/**
 * Reads the selected candidate pair from an RTCStatsReport (or any Map-like of stats objects).
 * Chromium names the pair in the transport's `selectedCandidatePairId`; Firefox marks it
 * `selected`/`nominated` instead, so both are checked.
 * @param {{forEach(fn: (stat: any) => void): void, get(id: string): any}} report
 * @returns {PathInfo}
 */
export function pathFromStats(report) {
  /** @type {any} */ let pair = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId && !pair) pair = report.get(s.selectedCandidatePairId) ?? null;
  });
  if (!pair) {
    report.forEach((s) => {
      if (s.type === 'candidate-pair' && s.state === 'succeeded' && (s.selected || s.nominated) && !pair) pair = s;
    });
  }
  if (!pair) return UNKNOWN_PATH;
  const local = report.get(pair.localCandidateId);
  const remote = report.get(pair.remoteCandidateId);
  const localType = local?.candidateType ?? null;
  const remoteType = remote?.candidateType ?? null;
  const kind = localType === null && remoteType === null ? 'unknown'
    : localType === 'relay' || remoteType === 'relay' ? 'relayed' : 'direct';
  return Object.freeze({
    kind, localType, remoteType,
    protocol: local?.protocol ?? null,
    localAddress: addressOf(local),
    remoteAddress: addressOf(remote),
    rttMs: typeof pair.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null,
  });
}
