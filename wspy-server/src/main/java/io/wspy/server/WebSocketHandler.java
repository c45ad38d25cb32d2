package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;

import java.util.Objects;

/**
 * The events of a server's clients, each with the client first: open, message, close, error,
 * ping, pong and, on {@link AsyncServer}, sent.
 * Every method does nothing by default; override those you need.
 *
 * <p>For one client, events never overlap and come in order: {@link #onOpen} first,
 * {@link #onClose} last, exactly once. Events of different clients may run at the same time, so a
 * handler that keeps shared state must make it thread-safe. The {@code client} can be sent to from
 * any thread, also from inside an event. Which thread runs the events is the server's business:
 * see {@link Server} and {@link AsyncServer}.
 *
 * <p>An exception thrown by an event is reported to {@link #onError} and closes that client with
 * {@link io.wspy.frame.CloseCode#INTERNAL_ERROR 1011}; the server and its other clients go on.
 *
 * <p>A server that only answers messages is a lambda:
 * <pre>{@code
 * new AsyncServer(config, WebSocketHandler.onMessage((client, message) -> client.send(message))).run();
 * }</pre>
 */
public interface WebSocketHandler {
    /**
     * What to do with each message of a client, for {@link #onMessage(MessageHandler)}. It may
     * throw any exception (a failed {@code send} needs no try/catch): that counts as a failure of
     * the handler, reported to {@link WebSocketHandler#onError} and closing the client with 1011.
     */
    @FunctionalInterface
    interface MessageHandler {
        /**
         * A whole message arrived from {@code client}.
         *
         * @param client  who sent it
         * @param message the message
         * @throws Exception anything; it fails this client's connection only
         */
        void handle(Session client, Message message) throws Exception;
    }

    /**
     * A handler that passes each message to {@code handler} and does nothing on the other events.
     *
     * @param handler what to do with each message
     * @return the handler, for {@link Server} or {@link AsyncServer}
     * @throws NullPointerException if {@code handler} is null
     */
    static WebSocketHandler onMessage(MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new WebSocketHandler() {
            @Override
            public void onMessage(Session client, Message message) {
                try {
                    handler.handle(client, message);
                } catch (Exception e) {
                    throw WebSocketHandler.<RuntimeException>rethrow(e);
                }
            }
        };
    }

    /**
     * Throws {@code error} as it is from a method that declares no checked exception: the servers
     * report whatever an event throws to {@link #onError} unchanged, so a lambda's
     * {@code IOException} must reach it as that, not wrapped.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable error) throws T {
        throw (T) error;
    }

    /** The client completed its handshake; nothing has been received from it yet. */
    default void onOpen(Session client) {
    }

    /** A whole message arrived from the client (fragments already joined). */
    default void onMessage(Session client, Message message) {
    }

    /**
     * The connection is closed: with the code and reason of the client's close frame (or of the
     * server's own close, when the server failed the connection), or
     * {@link io.wspy.frame.CloseCode#ABNORMAL_CLOSURE 1006} if the client just vanished.
     */
    default void onClose(Session client, int code, String reason) {
    }

    /** The client broke the protocol (the server closes it with the matching code), or an event threw. */
    default void onError(Session client, Throwable error) {
    }

    /** The client sent a ping; the server has already answered it. */
    default void onPing(Session client, byte[] payload) {
    }

    /** The client sent a pong. */
    default void onPong(Session client, byte[] payload) {
    }

    /**
     * {@link AsyncServer} only: a message sent to the client has been completely written to the
     * network. With {@link Session#bufferedAmount()}, the signal to produce more for a client that
     * reads slowly. Called only when {@link ServerConfig#reportSent()} is on; never by
     * {@link Server}, whose sends return once written.
     */
    default void onSent(Session client, Message message) {
    }
}
