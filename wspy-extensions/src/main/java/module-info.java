/**
 * WebSocket compression extensions built on the wspy-frame extension SPI: permessage-deflate
 * (RFC 7692) and deflate-frame.
 */
module io.wspy.extensions {
    requires transitive io.wspy.frame;

    exports io.wspy.extensions;
}
