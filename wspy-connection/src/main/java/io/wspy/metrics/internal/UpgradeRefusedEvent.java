package io.wspy.metrics.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a server did not upgrade a connection. */
@Name("io.wspy.UpgradeRefused")
@Label("WebSocket Upgrade Refused")
@Category({"wspy", "WebSocket"})
@Description("A server answered an upgrade request with a status other than 101, or the upgrade failed")
@StackTrace(false)
final class UpgradeRefusedEvent extends jdk.jfr.Event {
    @Label("Status")
    @Description("The HTTP status answered; 0 when the upgrade failed without an answer")
    int status;
    @Label("Cause")
    String cause;
    @Label("Remote Address")
    String remoteAddress;
}
