/**
 * WebSocket compression extensions on the wspy-frame extension SPI: {@link
 * io.wspy.extensions.PerMessageDeflate} (RFC 7692) and {@link io.wspy.extensions.DeflateFrame} (the
 * earlier per-frame draft). Configure a factory once and hand it to a client or a server; the
 * handshake negotiates it with {@link io.wspy.frame.extension.ExtensionNegotiation}.
 */
package io.wspy.extensions;
