// Typed errors of the swarm protocol. Each carries a stable `code` (the error kind) and `field`
// (the part of the input that failed, as named in docs/swarm-protocol.md and the vectors).
// Branch on `code` and `field`, never on the message text.

/** A swarm message breaks the protocol. code = 'SWARM_FORMAT'. */
export class SwarmFormatError extends Error {
  /** @param {string} field @param {string} detail */
  constructor(field, detail) {
    super(`${field}: ${detail}`);
    this.name = 'SwarmFormatError';
    this.code = 'SWARM_FORMAT';
    this.field = field;
  }
}

/** A manifest breaks the protocol. code = 'MANIFEST_FORMAT'. */
export class ManifestFormatError extends Error {
  /** @param {string} field @param {string} detail */
  constructor(field, detail) {
    super(`${field}: ${detail}`);
    this.name = 'ManifestFormatError';
    this.code = 'MANIFEST_FORMAT';
    this.field = field;
  }
}

/** A share URL is malformed. code = 'SHARE_LINK'; field is url, origin, path, room or content. */
export class ShareLinkError extends Error {
  /** @param {string} field @param {string} detail */
  constructor(field, detail) {
    super(`${field}: ${detail}`);
    this.name = 'ShareLinkError';
    this.code = 'SHARE_LINK';
    this.field = field;
  }
}
