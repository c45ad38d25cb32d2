package io.wspy.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What an {@link UpgradeHandler} decided: accept, optionally with a subprotocol, response headers
 * and an attachment, or reject with a status, headers and a body. Immutable: each {@code with}
 * method returns a new decision.
 * <pre>{@code
 * Upgrade.accept().withSubprotocol("chat.v2").withHeader("Set-Cookie", "seen=1").withAttachment(user)
 * Upgrade.reject(403, "not a member of this room").withHeader("Cache-Control", "no-store")
 * }</pre>
 */
public final class Upgrade {
    private static final Upgrade ACCEPT = new Upgrade(true, 101, null, HttpHeaders.empty(), null, null);

    private final boolean accepted;
    private final int status;
    private final String subprotocol;
    private final HttpHeaders headers;
    private final Object attachment;
    private final byte[] body;

    private Upgrade(boolean accepted, int status, String subprotocol, HttpHeaders headers, Object attachment,
                    byte[] body) {
        this.accepted = accepted;
        this.status = status;
        this.subprotocol = subprotocol;
        this.headers = headers;
        this.attachment = attachment;
        this.body = body;
    }

    /**
     * Accept the upgrade. Without {@link #withSubprotocol}, the subprotocol is chosen from the
     * server's configured list as without a handler.
     */
    public static Upgrade accept() {
        return ACCEPT;
    }

    /**
     * Reject the upgrade with {@code status} and a plain-text (UTF-8) body; the connection is
     * closed after the response.
     *
     * @throws IllegalArgumentException if {@code status} is not 300 to 599, or {@code body} is null
     */
    public static Upgrade reject(int status, String body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null (use \"\" for none)");
        }
        return reject(status, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * Reject the upgrade with {@code status}, a body of {@code contentType} (for example a JSON
     * error), and closing the connection after the response.
     *
     * @throws IllegalArgumentException if {@code status} is not 300 to 599, or an argument is null
     */
    public static Upgrade reject(int status, byte[] body, String contentType) {
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a rejection's status is 300 to 599, not " + status);
        }
        if (body == null || contentType == null) {
            throw new IllegalArgumentException("body and contentType must not be null");
        }
        HttpHeaders headers = body.length == 0 ? HttpHeaders.empty() : HttpHeaders.of("Content-Type", contentType);
        return new Upgrade(false, status, null, headers, null, body.clone());
    }

    /**
     * The subprotocol to answer with; it must be one the client offered
     * ({@link UpgradeRequest#offeredSubprotocols()}), or the request gets 500.
     *
     * @throws IllegalStateException    on a rejection
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public Upgrade withSubprotocol(String name) {
        if (!accepted) {
            throw new IllegalStateException("a rejection has no subprotocol");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("subprotocol must not be empty");
        }
        return new Upgrade(true, status, name, headers, attachment, body);
    }

    /**
     * Adds a response header: to the 101 of an acceptance, or to a rejection.
     *
     * @throws IllegalArgumentException if it is a header the handshake sets itself ({@code Upgrade},
     *                                  {@code Connection}, {@code Content-Length},
     *                                  {@code Sec-WebSocket-*}), or the name or value is invalid
     */
    public Upgrade withHeader(String name, String value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("header name and value must not be null");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("upgrade") || lower.equals("connection") || lower.equals("content-length")
                || lower.startsWith("sec-websocket-")) {
            throw new IllegalArgumentException("the handshake sets " + name + " itself");
        }
        HttpHeaders more = headers.toBuilder().add(name, value).build();
        return new Upgrade(accepted, status, subprotocol, more, attachment, body);
    }

    /**
     * State for the session: {@code Session.attachment()} returns it from {@code onOpen} on.
     *
     * @throws IllegalStateException on a rejection
     */
    public Upgrade withAttachment(Object value) {
        if (!accepted) {
            throw new IllegalStateException("a rejection has no session to attach to");
        }
        return new Upgrade(true, status, subprotocol, headers, value, body);
    }

    /** Whether the upgrade is accepted. */
    public boolean isAccepted() {
        return accepted;
    }

    /** 101 for an acceptance, else the rejection's status. */
    public int status() {
        return status;
    }

    /** The subprotocol chosen, or {@code null} to let the server choose. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The headers added to the response. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The session's attachment, or {@code null}. */
    public Object attachment() {
        return attachment;
    }

    /** A copy of a rejection's body; empty for an acceptance. */
    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    @Override
    public String toString() {
        return accepted ? "Upgrade.accept(" + (subprotocol == null ? "" : subprotocol) + ")"
                : "Upgrade.reject(" + status + ")";
    }
}
