package io.swarmrtc.peer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished download.
 *
 * @param files the downloaded files under their final names, in manifest order
 * @param totalBytes size of the content
 * @param downloadedBytes block bytes this process received (less than {@code totalBytes} after a resume)
 * @param elapsed from {@link SwarmClient#download} to completion
 */
public record DownloadResult(List<Path> files, long totalBytes, long downloadedBytes, Duration elapsed) {
  public DownloadResult {
    files = List.copyOf(files);
  }
}
