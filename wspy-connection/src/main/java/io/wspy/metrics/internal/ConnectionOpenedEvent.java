package io.wspy.metrics.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a WebSocket connection opened. */
@Name("io.wspy.ConnectionOpened")
@Label("WebSocket Connection Opened")
@Category({"wspy", "WebSocket"})
@Description("A WebSocket upgrade succeeded and the connection opened")
@StackTrace(false)
final class ConnectionOpenedEvent extends jdk.jfr.Event {
    @Label("Role")
    String role;
}
