/**
 * Names the likely cause of a failed connection from what the browser reported while gathering
 * candidates: `icecandidateerror` events (a TURN server answering 401 Unauthorized, an unreachable
 * server) and the types of the local candidates. Pure: PeerLink collects, this decides.
 *
 * It matters most when only a relay could connect two peers (symmetric NATs, firewalls that drop
 * UDP between homes): without a relay candidate ICE just runs out of time, and "ICE timeout" alone
 * does not tell the user (or the operator) that the TURN credentials were the problem.
 * @module ice-diagnosis
 */

/**
 * Stable values of `err.details.likelyCause` on ICE_TIMEOUT and ICE_FAILED.
 * @enum {string}
 */
export const IceFailureCauses = Object.freeze({
  /** A TURN server rejected our credentials (401): expired, or signed with another secret. */
  TURN_CREDENTIALS_REJECTED: 'TURN_CREDENTIALS_REJECTED',
  /** TURN servers are configured but none gave a relay candidate: unreachable or blocked? */
  TURN_UNREACHABLE: 'TURN_UNREACHABLE',
  /** No TURN server is configured: peers without a direct path cannot connect. */
  NO_TURN_SERVER: 'NO_TURN_SERVER',
});

/** Candidate errors kept per connection (a few per ICE server and interface is typical). */
export const MAX_CANDIDATE_ERRORS = 32;

/**
 * @typedef {object} CandidateError what an RTCPeerConnectionIceErrorEvent reported
 * @property {string} url the STUN/TURN URL
 * @property {number} errorCode STUN error code (401, 438, ...) or 700-799 for network errors
 * @property {string} errorText
 *
 * @typedef {object} IceDiagnosis
 * @property {string} likelyCause one of {@link IceFailureCauses}
 * @property {string} hint for humans, appended to the error message
 */

const isTurnUrl = (/** @type {string} */ url) => /^turns?:/i.test(url);

/**
 * @param {{iceServers: ReadonlyArray<RTCIceServer>, localTypes: Iterable<string>, candidateErrors: ReadonlyArray<CandidateError>}} seen
 * @returns {IceDiagnosis|null} null when a relay candidate was gathered: then TURN worked and the
 *   cause lies elsewhere (the remote side, or the relay path itself)
 */
export function diagnoseIceFailure({ iceServers, localTypes, candidateErrors }) {
  if ([...localTypes].includes('relay')) return null;
  const turnUrls = iceServers
    .flatMap((s) => (typeof s.urls === 'string' ? [s.urls] : [...(s.urls ?? [])]))
    .filter(isTurnUrl);
  if (turnUrls.length === 0) {
    return {
      likelyCause: IceFailureCauses.NO_TURN_SERVER,
      hint: 'no TURN server is configured, so peers that cannot reach each other directly (symmetric NATs, firewalls) cannot connect',
    };
  }
  const rejected = candidateErrors.find((e) => isTurnUrl(e.url) && e.errorCode === 401);
  if (rejected) {
    return {
      likelyCause: IceFailureCauses.TURN_CREDENTIALS_REJECTED,
      hint: `the TURN server ${rejected.url} rejected our credentials (401 Unauthorized): they have expired or were signed with another secret than the TURN server's; peers that need a relay cannot connect`,
    };
  }
  return {
    likelyCause: IceFailureCauses.TURN_UNREACHABLE,
    hint: `no relay candidate from ${turnUrls.join(', ')}: is the TURN server reachable (UDP or TCP port 3478)? Peers that need a relay cannot connect`,
  };
}
