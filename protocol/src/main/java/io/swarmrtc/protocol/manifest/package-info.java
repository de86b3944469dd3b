/**
 * Manifests of the swarm protocol (docs/swarm-protocol.md, "Manifest"): {@link
 * io.swarmrtc.protocol.manifest.Manifest} (immutable, always valid), its canonical codec {@link
 * io.swarmrtc.protocol.manifest.ManifestCodec}, the {@link io.swarmrtc.protocol.manifest.ContentId}
 * that names a share, piece geometry ({@link io.swarmrtc.protocol.manifest.FileSlice}, {@link
 * io.swarmrtc.protocol.manifest.BlockLayout}) and {@link io.swarmrtc.protocol.manifest.ManifestBuilder}.
 * Errors are {@link io.swarmrtc.protocol.manifest.ManifestFormatException} naming the field.
 */
package io.swarmrtc.protocol.manifest;
