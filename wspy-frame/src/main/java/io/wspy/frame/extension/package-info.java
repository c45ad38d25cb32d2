/**
 * The extension SPI (RFC 6455 section 9): how an extension is negotiated during the handshake and
 * how it transforms the data frames of one connection.
 *
 * <p>An {@link io.wspy.frame.extension.ExtensionFactory} is configured once and shared; during each
 * handshake {@link io.wspy.frame.extension.ExtensionNegotiation} matches the client's offers with
 * the server's factories and yields an {@link io.wspy.frame.extension.ExtensionChain} of
 * per-connection {@link io.wspy.frame.extension.Extension}s, applied in the negotiated order.
 */
package io.wspy.frame.extension;
