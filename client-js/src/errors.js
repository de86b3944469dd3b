/**
 * Stable error codes of the swarmrtc browser library. Tests and applications branch on
 * `err.code`; `err.message` is for humans and may change.
 *
 * Signaling server codes (docs/signaling.md) keep their names and arrive as `SignalingError`s
 * with the server's code; the codes below add what only the client can see.
 * @module errors
 */

/** @enum {string} */
export const ErrorCodes = Object.freeze({
  // --- client-side signaling ---
  /** The signaling WebSocket could not be opened or closed unexpectedly (retried). */
  SIGNALING_UNREACHABLE: 'SIGNALING_UNREACHABLE',
  /** The server sent a frame that is not valid JSON or has no known type. */
  SIGNALING_PROTOCOL: 'SIGNALING_PROTOCOL',
  /** No pong or message from the server within the liveness timeout. */
  SIGNALING_TIMEOUT: 'SIGNALING_TIMEOUT',
  /** Reconnecting gave up after the configured number of attempts. */
  SIGNALING_GAVE_UP: 'SIGNALING_GAVE_UP',
  /** The client was closed; pending operations end with this code. */
  CLOSED: 'CLOSED',

  // --- server codes (docs/signaling.md), repeated here so they are discoverable ---
  BAD_JSON: 'BAD_JSON',
  BAD_FRAME: 'BAD_FRAME',
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  BAD_FIELD: 'BAD_FIELD',
  FRAME_TOO_LARGE: 'FRAME_TOO_LARGE',
  NOT_JOINED: 'NOT_JOINED',
  ALREADY_JOINED: 'ALREADY_JOINED',
  UNKNOWN_PEER: 'UNKNOWN_PEER',
  SELF_ADDRESSED: 'SELF_ADDRESSED',
  BAD_ROOM: 'BAD_ROOM',
  ROOM_FULL: 'ROOM_FULL',
  BAD_PASSWORD: 'BAD_PASSWORD',
  BAD_TOKEN: 'BAD_TOKEN',
  RESUME_FAILED: 'RESUME_FAILED',
  RATE_LIMITED: 'RATE_LIMITED',
  TOO_MANY_ERRORS: 'TOO_MANY_ERRORS',
  INTERNAL: 'INTERNAL',

  // --- peer connections ---
  /**
   * ICE stayed `new`/`checking` too long: usually no candidates at all (Chromium reports nothing).
   * Without a relay candidate, `details.likelyCause` names why (IceFailureCauses, e.g.
   * TURN_CREDENTIALS_REJECTED).
   */
  ICE_TIMEOUT: 'ICE_TIMEOUT',
  /** ICE failed and the ICE restarts did not recover the connection; `details` as for ICE_TIMEOUT. */
  ICE_FAILED: 'ICE_FAILED',
  /** GET /api/ice-servers failed. */
  ICE_SERVERS_UNAVAILABLE: 'ICE_SERVERS_UNAVAILABLE',
  /** setLocal/RemoteDescription or addIceCandidate rejected what the remote peer sent. */
  NEGOTIATION_FAILED: 'NEGOTIATION_FAILED',

  // --- data channels ---
  /** A message over 262,144 bytes (the channel's limit). */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** send() on a channel that is closing or closed. */
  CHANNEL_CLOSED: 'CHANNEL_CLOSED',
  /** The underlying RTCDataChannel reported an error. */
  CHANNEL_ERROR: 'CHANNEL_ERROR',

  // --- chat ---
  /** Chat text empty, not a string, or over 16 KiB (UTF-8). */
  CHAT_TEXT_INVALID: 'CHAT_TEXT_INVALID',
  /** An incoming chat message that is not valid per docs/swarm-protocol.md (dropped). */
  CHAT_MESSAGE_INVALID: 'CHAT_MESSAGE_INVALID',

  // --- links, content and storage ---
  /** share() was given no files. */
  NO_FILES: 'NO_FILES',
  /** A share/download link or fragment that cannot be parsed. */
  BAD_LINK: 'BAD_LINK',
  /** A room name outside 1-64 characters of [A-Za-z0-9_-]. */
  BAD_ROOM_NAME: 'BAD_ROOM_NAME',
  /** Nobody in the room has the content (yet). */
  NO_SEEDERS: 'NO_SEEDERS',
  /**
   * The download stalled: no connected peer has any of the pieces still missing (e.g. the only
   * complete copy left). A warning; `details` {missingPieces, unavailablePieces, pieceCount}. The
   * download resumes by itself when a peer that has them connects.
   */
  PIECES_UNAVAILABLE: 'PIECES_UNAVAILABLE',
  /** A piece failed SHA-256 verification. */
  PIECE_VERIFICATION_FAILED: 'PIECE_VERIFICATION_FAILED',
  /** The manifest received does not match the content id of the link. */
  MANIFEST_MISMATCH: 'MANIFEST_MISMATCH',
  /** The piece store failed (quota exceeded, OPFS unavailable, ...). */
  STORAGE_FAILED: 'STORAGE_FAILED',
  /** A piece index or range outside the store. */
  STORAGE_RANGE: 'STORAGE_RANGE',
  /** Saving the finished download failed or the user cancelled the save dialog. */
  SAVE_FAILED: 'SAVE_FAILED',
  /** The feature is declared but not wired yet (the swarm engine lands after the merge). */
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
});

/** Codes the server documents in docs/signaling.md. */
export const SERVER_ERROR_CODES = Object.freeze(new Set([
  'BAD_JSON', 'BAD_FRAME', 'UNKNOWN_TYPE', 'BAD_FIELD', 'FRAME_TOO_LARGE', 'NOT_JOINED',
  'ALREADY_JOINED', 'UNKNOWN_PEER', 'SELF_ADDRESSED', 'BAD_ROOM', 'ROOM_FULL', 'BAD_PASSWORD',
  'BAD_TOKEN', 'RESUME_FAILED', 'RATE_LIMITED', 'TOO_MANY_ERRORS', 'INTERNAL',
]));

/** An Error with a stable machine-readable `code`. */
export class SwarmRtcError extends Error {
  /**
   * @param {string} code one of {@link ErrorCodes}
   * @param {string} message for humans
   * @param {{cause?: unknown, details?: Record<string, unknown>}} [options]
   */
  constructor(code, message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwarmRtcError';
    /** @type {string} */
    this.code = code;
    /** @type {Record<string, unknown>|undefined} */
    this.details = options.details;
  }
}

/**
 * Wraps anything thrown into a SwarmRtcError with the given code, keeping the original as cause.
 * An error that already has a code is returned unchanged.
 * @param {unknown} err
 * @param {string} code
 * @returns {SwarmRtcError}
 */
export function toSwarmRtcError(err, code) {
  if (err instanceof SwarmRtcError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SwarmRtcError(code, message, { cause: err });
}
