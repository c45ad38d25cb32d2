/** WebSocket extensions built on the wspy-frame extension SPI: permessage-deflate and deflate-frame. */
module io.wspy.extensions {
    requires transitive io.wspy.frame;
}
