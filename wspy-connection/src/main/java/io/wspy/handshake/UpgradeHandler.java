package io.wspy.handshake;

/**
 * The application's decision on a WebSocket upgrade request that passed the protocol's checks
 * (and the origin, path and {@link Authenticator} checks configured): accept it, with a
 * subprotocol, response headers and state for the session, or reject it with any status, headers
 * and body. For example, a room id from the path and a token from the query:
 * <pre>{@code
 * ServerConfig.builder().upgrade("/rooms/{id}", request -> {
 *     String user = tokens.userOf(request.queryParameter("token"));   // may block
 *     return user == null
 *             ? Upgrade.reject(403, "bad token")
 *             : Upgrade.accept().withAttachment(new Member(user, request.pathParameter("id")));
 * });
 * }</pre>
 *
 * <p>Where it runs: the threaded {@code Server} calls it on the client's own thread; the
 * {@code AsyncServer} calls it off its selector loops under {@code HandlerExecution.OFF_LOOP}, so
 * it may block (ask a database, a token service), and on the selector loop under the default
 * {@code LOOP}, where it must not block (every client of that loop waits). The attachment of an
 * accepted upgrade is what {@code Session.attachment()} returns from {@code onOpen} on.
 *
 * <p>An exception it throws answers the request with 500 (and is logged at {@code WARNING}).
 */
@FunctionalInterface
public interface UpgradeHandler {
    /**
     * Decides on one upgrade request.
     *
     * @return {@link Upgrade#accept()} (with its options) or {@link Upgrade#reject(int, String)};
     *         never {@code null}
     */
    Upgrade upgrade(UpgradeRequest request);
}
