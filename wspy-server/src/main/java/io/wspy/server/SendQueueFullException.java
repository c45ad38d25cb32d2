package io.wspy.server;

import io.wspy.frame.WebSocketException;

/**
 * A message was not sent because the client's outbound queue is full (see
 * {@link SlowReaderPolicy#FAIL} and {@link SlowReaderPolicy#BLOCK}). The connection stays open.
 */
public class SendQueueFullException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the client and the queue size. */
    public SendQueueFullException(String message) {
        super(message);
    }
}
