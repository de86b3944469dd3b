/**
 * The Java swarm engine: {@link io.swarmrtc.peer.internal.engine.SwarmEngine} runs a pure
 * {@link io.swarmrtc.swarm.SwarmSession} on one thread per share or download and does its I/O:
 * mesh events in, sends out through each channel's backpressure-aware sender, uploads pulled from the
 * session while a channel has room (bounded per peer), verified pieces to disk on a disk thread
 * ({@link io.swarmrtc.peer.internal.engine.DiskQueue}, bounded), ticks for timeouts and stats.
 * {@link io.swarmrtc.peer.internal.engine.EngineShare} and
 * {@link io.swarmrtc.peer.internal.engine.EngineDownload} are the public API's handles; a download
 * keeps its manifest beside the piece store's resume state
 * ({@link io.swarmrtc.peer.internal.engine.ManifestFile}) so a restart continues at once.
 */
package io.swarmrtc.peer.internal.engine;
