package io.swarmrtc.peer.internal.storage;

/** A run of bytes inside one file: {@code length} bytes at {@code fileOffset} of file {@code fileIndex}. */
public record FileSpan(int fileIndex, long fileOffset, int length) {}
