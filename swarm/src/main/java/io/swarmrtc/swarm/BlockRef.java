package io.swarmrtc.swarm;

/** One block of one piece: what REQUEST, PIECE, CANCEL and REJECT talk about. */
public record BlockRef(int piece, int offset, int length) {}
