package io.wspy.metrics.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a peer sent a message or frame over the limit (the connection fails with 1009). */
@Name("io.wspy.OversizedMessage")
@Label("WebSocket Oversized Message")
@Category({"wspy", "WebSocket"})
@Description("A message or frame over the configured limit arrived; the connection fails with 1009")
@StackTrace(false)
final class OversizedMessageEvent extends jdk.jfr.Event {
    @Label("Role")
    String role;
    @Label("Detail")
    String detail;
}
