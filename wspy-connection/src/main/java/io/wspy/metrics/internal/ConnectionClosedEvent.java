package io.wspy.metrics.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a WebSocket connection closed. */
@Name("io.wspy.ConnectionClosed")
@Label("WebSocket Connection Closed")
@Category({"wspy", "WebSocket"})
@Description("A WebSocket connection closed: how long it was open, the bytes each way, the close code")
@StackTrace(false)
final class ConnectionClosedEvent extends jdk.jfr.Event {
    @Label("Role")
    String role;
    @Label("Open For")
    @Description("From the upgrade to the close; -1 if the recording started after the connection opened")
    @Timespan(Timespan.NANOSECONDS)
    long openFor;
    @Label("Bytes Received")
    @Description("On the wire, headers included; -1 if neither metrics nor a recording observed the connection when it opened")
    @DataAmount
    long bytesReceived;
    @Label("Bytes Sent")
    @Description("On the wire, headers included; -1 if neither metrics nor a recording observed the connection when it opened")
    @DataAmount
    long bytesSent;
    @Label("Close Code")
    int closeCode;
}
