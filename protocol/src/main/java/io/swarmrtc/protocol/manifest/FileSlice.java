package io.swarmrtc.protocol.manifest;

/**
 * A run of bytes shared by a piece and a file.
 *
 * @param fileIndex index into {@link Manifest#files()}
 * @param fileOffset where the run starts in the file
 * @param pieceOffset where the run starts in the piece
 * @param length bytes in the run (at least 1)
 */
public record FileSlice(int fileIndex, long fileOffset, int pieceOffset, int length) {}
