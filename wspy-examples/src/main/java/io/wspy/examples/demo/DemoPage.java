package io.wspy.examples.demo;

import io.wspy.connection.HttpHandler;
import io.wspy.handshake.Authenticator;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves the demo page at {@code /} on the WebSocket's own port; any other path is 404. With an
 * authenticator, the page asks for the same credentials as the WebSocket, so the browser's own
 * login dialog provides them to both.
 */
final class DemoPage implements HttpHandler {
    private static final String CONFIG_MARK = "/*WSPY-CONFIG*/null";

    private final byte[] page;
    private final Authenticator authenticator;

    DemoPage(String webSocketPath, List<String> protocols, Authenticator authenticator) {
        this.authenticator = authenticator;
        String html = template();
        StringBuilder config = new StringBuilder("{\"path\": ").append(json(webSocketPath)).append(", \"protocols\": [");
        for (int i = 0; i < protocols.size(); i++) {
            config.append(i == 0 ? "" : ", ").append(json(protocols.get(i)));
        }
        config.append("]}");
        this.page = html.replace(CONFIG_MARK, config).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!"/".equals(request.path()) && !"/index.html".equals(request.path())) {
            return HttpResponse.error(404, "nothing here; the demo page is at /", HttpHeaders.empty());
        }
        if (!request.method().equals("GET")) {
            return HttpResponse.error(405, "the page answers GET", HttpHeaders.of("Allow", "GET"));
        }
        if (authenticator != null) {
            Authenticator.Result result = authenticator.authenticate(request);
            if (result instanceof Authenticator.Denied) {
                HttpHeaders.Builder challenges = HttpHeaders.builder();
                for (String c : ((Authenticator.Denied) result).challenges()) {
                    challenges.add("WWW-Authenticate", c);
                }
                return HttpResponse.error(401, "log in to see the demo", challenges.build());
            }
        }
        HttpHeaders headers = HttpHeaders.of(
                "Content-Type", "text/html; charset=utf-8",
                "Content-Length", Integer.toString(page.length),
                "Cache-Control", "no-store",
                "Connection", "close");
        return new HttpResponse("HTTP/1.1", 200, "OK", headers, page);
    }

    private static String template() {
        try (InputStream in = DemoPage.class.getResourceAsStream("echo.html")) {
            if (in == null) {
                throw new IllegalStateException("echo.html is missing from the demo's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal, safe inside a script element. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
