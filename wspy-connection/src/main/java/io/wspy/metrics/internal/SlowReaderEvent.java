package io.wspy.metrics.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: the slow-reader policy acted. */
@Name("io.wspy.SlowReaderAction")
@Label("WebSocket Slow Reader")
@Category({"wspy", "WebSocket"})
@Description("A send met a full outbound queue and the slow-reader policy acted")
@StackTrace(false)
final class SlowReaderEvent extends jdk.jfr.Event {
    @Label("Action")
    String action;
    @Label("Queued")
    @DataAmount
    long queuedBytes;
    @Label("Remote Address")
    String remoteAddress;
}
