/**
 * Helpers shared by the codecs of this module. Not part of the public API: they may change
 * without notice.
 */
package io.swarmrtc.protocol.internal;
