// Hand-written types of the public API of the swarmrtc browser library (src/index.js).
// Internals (mesh.js, peer.js, channel.js, ...) carry JSDoc types of their own.

/** Stable error codes: branch on `err.code`, never on the message. */
export declare const ErrorCodes: Readonly<{
  SIGNALING_UNREACHABLE: 'SIGNALING_UNREACHABLE'; SIGNALING_PROTOCOL: 'SIGNALING_PROTOCOL';
  SIGNALING_TIMEOUT: 'SIGNALING_TIMEOUT'; SIGNALING_GAVE_UP: 'SIGNALING_GAVE_UP'; CLOSED: 'CLOSED';
  BAD_JSON: 'BAD_JSON'; BAD_FRAME: 'BAD_FRAME'; UNKNOWN_TYPE: 'UNKNOWN_TYPE'; BAD_FIELD: 'BAD_FIELD';
  FRAME_TOO_LARGE: 'FRAME_TOO_LARGE'; NOT_JOINED: 'NOT_JOINED'; ALREADY_JOINED: 'ALREADY_JOINED';
  UNKNOWN_PEER: 'UNKNOWN_PEER'; SELF_ADDRESSED: 'SELF_ADDRESSED'; BAD_ROOM: 'BAD_ROOM'; ROOM_FULL: 'ROOM_FULL';
  BAD_PASSWORD: 'BAD_PASSWORD'; BAD_TOKEN: 'BAD_TOKEN'; RESUME_FAILED: 'RESUME_FAILED';
  RATE_LIMITED: 'RATE_LIMITED'; TOO_MANY_ERRORS: 'TOO_MANY_ERRORS'; INTERNAL: 'INTERNAL';
  ICE_TIMEOUT: 'ICE_TIMEOUT'; ICE_FAILED: 'ICE_FAILED'; ICE_SERVERS_UNAVAILABLE: 'ICE_SERVERS_UNAVAILABLE';
  NEGOTIATION_FAILED: 'NEGOTIATION_FAILED';
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE'; CHANNEL_CLOSED: 'CHANNEL_CLOSED'; CHANNEL_ERROR: 'CHANNEL_ERROR';
  CHAT_TEXT_INVALID: 'CHAT_TEXT_INVALID'; CHAT_MESSAGE_INVALID: 'CHAT_MESSAGE_INVALID';
  NO_FILES: 'NO_FILES'; BAD_LINK: 'BAD_LINK'; BAD_ROOM_NAME: 'BAD_ROOM_NAME'; NO_SEEDERS: 'NO_SEEDERS'; PIECES_UNAVAILABLE: 'PIECES_UNAVAILABLE';
  PIECE_VERIFICATION_FAILED: 'PIECE_VERIFICATION_FAILED'; MANIFEST_MISMATCH: 'MANIFEST_MISMATCH';
  STORAGE_FAILED: 'STORAGE_FAILED'; STORAGE_RANGE: 'STORAGE_RANGE'; SAVE_FAILED: 'SAVE_FAILED';
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED';
}>;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * `details.likelyCause` of ICE_TIMEOUT / ICE_FAILED when no relay candidate was gathered
 * (`details.candidateErrors` then holds the browser's icecandidateerror reports).
 */
export declare const IceFailureCauses: Readonly<{
  TURN_CREDENTIALS_REJECTED: 'TURN_CREDENTIALS_REJECTED'; TURN_UNREACHABLE: 'TURN_UNREACHABLE';
  NO_TURN_SERVER: 'NO_TURN_SERVER';
}>;

export declare class SwarmRtcError extends Error {
  constructor(code: ErrorCode | string, message: string, options?: { cause?: unknown; details?: Record<string, unknown> });
  readonly name: 'SwarmRtcError';
  code: ErrorCode | string;
  details?: Record<string, unknown>;
}

/** A minimal typed event emitter; `on` returns a function that removes the listener. */
export interface Events<M> {
  on<K extends keyof M>(event: K, listener: (payload: M[K]) => void): () => void;
  once<K extends keyof M>(event: K, listener: (payload: M[K]) => void): () => void;
  off<K extends keyof M>(event: K, listener: (payload: M[K]) => void): void;
}

/** Options shared by every session (all optional; the defaults use the page's own server). */
export interface ConnectionOptions {
  /** ws(s)://host/ws; default: the page's host. */
  signalingUrl?: string;
  /** Default: /api/ice-servers on the page's origin. */
  iceServersUrl?: string;
  /** Use these ICE servers instead of fetching them. */
  iceServers?: RTCIceServer[];
  password?: string;
  /** Signed join token (servers started with --require-join-token). */
  token?: string;
  /** How long ICE may stay new/checking before ICE_TIMEOUT (default 15000 ms). */
  iceTimeoutMs?: number;
}

export type PathKind = 'direct' | 'relayed' | 'unknown';
export interface PeersInfo {
  /** Peers with a connected link. */
  count: number;
  /** bytesUp/bytesDown: PIECE payload bytes sent to / received from that peer. */
  peers: Array<{ peerId: string; connected: boolean; path: PathKind; bytesUp: number; bytesDown: number }>;
}
export interface SpeedInfo {
  /** Bytes per second, over the last 5 s. */
  up: number;
  down: number;
  bytesServed: number;
  bytesReceived: number;
  etaSeconds: number | null;
}
export interface ProgressInfo {
  verifiedBytes: number;
  totalBytes: number;
  /** 0..1 */
  fraction: number;
  verifiedPieces: number;
  pieceCount: number;
}
export interface ManifestSummary {
  contentId: string;
  name: string;
  files: Array<{ path: string; size: number }>;
  totalSize: number;
  pieceSize: number;
  pieceCount: number;
}
export type TransferPhase =
  | 'starting' | 'joining' | 'preparing' | 'sharing'
  | 'connecting' | 'waiting' | 'unreachable' | 'fetching-manifest' | 'downloading' | 'stalled' | 'done' | 'closed';

interface TransferEvents {
  status: { phase: TransferPhase; message?: string };
  peers: PeersInfo;
  speed: SpeedInfo;
  progress: ProgressInfo;
  manifest: ManifestSummary;
  /** Not fatal: NO_SEEDERS, PIECE_VERIFICATION_FAILED, SIGNALING_UNREACHABLE (reconnecting), ... */
  warning: SwarmRtcError;
  /**
   * The signaling server was lost (`connected: false`, reconnecting with backoff) or reached again.
   * Connected peers keep transferring meanwhile; only new peers wait for the server.
   */
  server: { connected: boolean };
  /** Terminal, at most once, followed by close. */
  error: SwarmRtcError;
  close: void;
}
interface TransferSession<M> extends Events<M> {
  readonly phase: TransferPhase;
  readonly error: SwarmRtcError | null;
  readonly progress: ProgressInfo | null;
  peersInfo(): PeersInfo;
  speedInfo(): SpeedInfo;
  /** pieces: verified pieces as a hex BITFIELD (null before the manifest); banned: peers banned for bad pieces. */
  snapshot(): { phase: TransferPhase; error: ErrorCode | null; progress: ProgressInfo | null; peers: PeersInfo; speed: SpeedInfo | null; pieces: string | null; banned: string[] };
  /** Idempotent. */
  close(): void;
}

export interface ShareOptions extends ConnectionOptions {
  /** Default: a random unguessable room. */
  room?: string;
  /** Display name of the share. */
  name?: string;
  /** Default: the smallest power of two >= 256 KiB that keeps pieceCount <= 2048. */
  pieceSize?: number;
  /** Origin for the link; default: location.origin. */
  origin?: string;
}
export interface ShareSession extends TransferSession<TransferEvents & { link: { url: string; contentId: string; room: string } }> {
  readonly room: string;
  readonly files: File[];
  readonly link: { url: string; contentId: string; room: string } | null;
}

export interface DownloadOptions extends ConnectionOptions {
  /** Where pieces go: OPFS when available (auto), or memory (small contents only). */
  storage?: 'auto' | 'memory' | 'opfs';
}
export interface DownloadSession extends TransferSession<TransferEvents & { done: { blob: Blob } }> {
  readonly room: string;
  readonly contentId: string;
  readonly manifest: ManifestSummary | null;
  /** The verified content once done (disk-backed with OPFS). */
  readonly result: Blob | null;
  /** File picker where available, else a browser download. Rejects with SAVE_FAILED. */
  save(options?: { picker?: boolean }): Promise<void>;
}

export interface ChatMessage {
  /** Sender's peer id (our own for messages we sent). */
  from: string;
  text: string;
  /** Sender's clock, Unix ms. */
  ts: number;
  /** Our clock, Unix ms. */
  receivedAt: number;
  self: boolean;
}
export interface ChatSession extends Events<{
  status: { phase: 'joining' | 'joined' | 'reconnecting' | 'closed'; peerId: string | null };
  message: ChatMessage;
  peers: { count: number; peers: string[] };
  warning: SwarmRtcError;
  error: SwarmRtcError;
  close: void;
}> {
  readonly room: string;
  readonly peerId: string | null;
  readonly phase: 'joining' | 'joined' | 'reconnecting' | 'closed';
  /** Peers with an open chat channel. */
  readonly peers: string[];
  /** The last 500 messages, oldest first. */
  readonly messages: ChatMessage[];
  /** Resolves with our peer id once joined. */
  readonly ready: Promise<string>;
  /** At most 16 KiB of UTF-8 (CHAT_TEXT_INVALID otherwise). */
  send(text: string): Promise<{ ts: number; sentTo: string[] }>;
  close(): void;
}

/** Shares files; the `link` event carries the download URL. */
export declare function share(files: FileList | File[], options?: ShareOptions): ShareSession;
/** Downloads the content of a share link; a malformed link fails with BAD_LINK. */
export declare function download(url: string, options?: DownloadOptions): DownloadSession;
/** Joins a chat room (1-64 characters of [A-Za-z0-9_-], BAD_ROOM_NAME otherwise). */
export declare function joinChat(room: string, options?: ConnectionOptions): ChatSession;

/** The seam for the swarm engine (see src/engine.js). */
export interface EngineTransfer extends Events<{
  manifest: ManifestSummary;
  progress: { verifiedBytes: number; totalBytes: number; verifiedPieces: number; pieceCount: number };
  bytes: { direction: 'up' | 'down'; peerId: string; bytes: number };
  'piece-failed': { piece: number; peerIds: string[] };
  done: { blob: Blob };
  error: SwarmRtcError;
  warning: SwarmRtcError;
  banned: { peerId: string; reason: string };
}> { close(): void; describe?(): { pieces: string | null; peers: Array<{ peerId: string; pieces: string | null }> } }
export interface SwarmEngine {
  seed(args: { files: File[]; mesh: unknown; name?: string; pieceSize?: number }): EngineTransfer;
  fetch(args: { contentId: string; mesh: unknown; openStore(g: { name: string; totalSize: number; pieceSize: number }): Promise<unknown> }): EngineTransfer;
}
export declare function registerEngine(engine: SwarmEngine | null): void;

export declare function buildDownloadLink(origin: string, room: string, contentId: string): string;
export declare function parseDownloadLink(linkOrHash: string): { room: string; contentId: string };
export declare function parseChatRoom(hash: string): string | null;
export declare function randomRoom(crypto?: Crypto): string;
export declare function formatBytes(bytes: number): string;
export declare function formatDuration(seconds: number | null): string;

export interface QrCode { version: number; size: number; mask: number; modules: Uint8Array }
/** Byte mode, level M, versions 1-10 (RangeError beyond 213 bytes). */
export declare function encodeQr(content: string | Uint8Array, options?: { mask?: number; minVersion?: number }): QrCode;
export declare function qrSvgPath(qr: QrCode, margin?: number): string;
