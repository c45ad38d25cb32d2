package io.wspy.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The upgrade request Chromium sends for {@code new WebSocket("ws://host/path")}: its header set
 * and order, with {@code permessage-deflate; client_max_window_bits} offered or not.
 */
public final class BrowserRequest {
    /** The key of {@link #of(String, String, boolean)}'s requests. */
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** Its {@code Sec-WebSocket-Accept} (RFC 6455 section 1.3). */
    public static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    /** The offer browsers make. */
    public static final String DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

    private BrowserRequest() {
    }

    /** The request bytes for {@code path} on {@code host} (host:port), with {@link #KEY}. */
    public static byte[] of(String host, String path, boolean offerDeflate) {
        return of(host, path, offerDeflate, KEY);
    }

    /** The same with a random key from {@code random}, as each new connection has. */
    public static byte[] of(String host, String path, boolean offerDeflate, Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return of(host, path, offerDeflate, Base64.getEncoder().encodeToString(nonce));
    }

    private static byte[] of(String host, String path, boolean offerDeflate, String key) {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Connection: Upgrade\r\n"
                + "Pragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36\r\n"
                + "Upgrade: websocket\r\n"
                + "Origin: http://" + host + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-US,en;q=0.9\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: " + DEFLATE_OFFER + "\r\n" : "")
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }
}
