package io.wspy.connection;

import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;

/**
 * Answers a plain HTTP request that arrives where WebSockets are served but is not an upgrade, so
 * one port can serve a page and its WebSocket. The connection is closed after the response.
 */
@FunctionalInterface
public interface HttpHandler {
    /** The default: {@code 426 Upgrade Required}, naming the WebSocket version. */
    HttpHandler UPGRADE_REQUIRED = request -> new ServerHandshake.NotUpgrade(request).upgradeRequired();

    /** The response to {@code request}. */
    HttpResponse handle(HttpRequest request);
}
