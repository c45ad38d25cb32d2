package io.wspy.server.conformance;

import io.wspy.frame.Frame;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fuzzing server that tests echo clients, speaking the de-facto standard protocol of fuzzing
 * servers (the Autobahn TestSuite's): {@code /getCaseCount} sends the number of cases as a text
 * message; {@code /runCase?case=N&agent=NAME} runs case N (1-based) on the connection, the client
 * echoing every message until the server closes; {@code /updateReports?agent=NAME} ends a run.
 */
final class FuzzingServer implements AutoCloseable {
    private static final Duration HANDSHAKE_BOUND = Duration.ofSeconds(10);

    private final List<FuzzCase> cases;
    private final long clientMaxMessageSize;
    private final ServerSocket listener;
    private final Map<String, Map<Integer, CaseResult>> results = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * Listens on a free loopback port.
     *
     * @param clientMaxMessageSize the message limit the clients under test are configured with
     */
    FuzzingServer(List<FuzzCase> cases, long clientMaxMessageSize) throws IOException {
        this.cases = List.copyOf(cases);
        this.clientMaxMessageSize = clientMaxMessageSize;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "fuzzing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URI, for example {@code ws://127.0.0.1:40123}. */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * The results of one agent's run, in case order, once every case has its result or the
     * timeout has passed (a case still running when its client moved on finishes on its own thread).
     */
    List<CaseResult> awaitResults(String agent, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (results.getOrDefault(agent, Map.of()).size() < cases.size() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return results(agent);
    }

    private List<CaseResult> results(String agent) {
        Map<Integer, CaseResult> run = results.getOrDefault(agent, Map.of());
        List<CaseResult> ordered = new ArrayList<>();
        for (int i = 1; i <= cases.size(); i++) {
            CaseResult r = run.get(i);
            ordered.add(r != null ? r : CaseResult.fail(cases.get(i - 1), "the client never ran this case"));
        }
        return Collections.unmodifiableList(ordered);
    }

    /** Whether the agent asked for its reports to be updated, as a run's last step. */
    boolean reportsUpdated(String agent) {
        return reported.contains(agent);
    }

    private void acceptForever() {
        try {
            while (true) {
                Socket socket = listener.accept();
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "fuzzing-server-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException stopped) {
            // close() closed the listening socket.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) HANDSHAKE_BOUND.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            RawHttp.Head request = RawHttp.readHead(in);
            String[] target = request.firstLine().split(" ");
            URI uri = URI.create(target.length > 1 ? target[1] : "/");
            Map<String, String> query = query(uri.getRawQuery());
            switch (uri.getPath()) {
                case "/getCaseCount":
                    try (FuzzSession s = accept(socket, in, request)) {
                        s.send(Frame.text(String.valueOf(cases.size())));
                        s.closeNormally();
                    }
                    break;
                case "/runCase":
                    runCase(socket, in, request, query);
                    break;
                case "/updateReports":
                    // Recorded before the closing handshake, so the call is seen once the client is done.
                    reported.add(query.getOrDefault("agent", ""));
                    try (FuzzSession s = accept(socket, in, request)) {
                        s.closeNormally();
                    }
                    break;
                default:
                    socket.getOutputStream().write(RawHttp.ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            }
        } catch (IOException | RuntimeException | CaseFailure e) {
            // A client that breaks the protocol outside a case is not this server's concern.
        } finally {
            open.remove(socket);
        }
    }

    private FuzzSession accept(Socket socket, InputStream in, RawHttp.Head request) throws IOException {
        return FuzzSession.accept(socket, in, request, Opening.PLAIN, HANDSHAKE_BOUND, clientMaxMessageSize, 0);
    }

    private void runCase(Socket socket, InputStream in, RawHttp.Head request, Map<String, String> query)
            throws IOException {
        int number;
        try {
            number = Integer.parseInt(query.getOrDefault("case", ""));
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > cases.size()) {
            socket.getOutputStream().write(RawHttp.ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            return;
        }
        FuzzCase c = cases.get(number - 1);
        CaseResult result;
        try (FuzzSession s = FuzzSession.accept(socket, in, request, c.opening(), c.bound(), clientMaxMessageSize,
                c.id().hashCode())) {
            result = CaseResult.judge(c, s);
        } catch (CaseFailure f) {
            result = CaseResult.fail(c, "handshake: " + f.getMessage());
        }
        results.computeIfAbsent(query.getOrDefault("agent", ""), a -> new ConcurrentHashMap<>()).put(number, result);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return q;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
