package io.wspy.server.conformance;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs wspy's client as the echo client of a fuzzing server that speaks the de-facto standard
 * protocol (the Autobahn TestSuite's {@code fuzzingserver}, or this suite's {@link FuzzingServer}):
 * asks {@code /getCaseCount}, connects to {@code /runCase?case=N&agent=NAME} for every case and
 * echoes each message until the server closes, then calls {@code /updateReports?agent=NAME}.
 *
 * <pre>
 * java -cp ... io.wspy.server.conformance.EchoClientRunner ws://127.0.0.1:9001 [agent]
 * </pre>
 */
public final class EchoClientRunner {
    /** The message limit of {@link #defaultOptions()}: the fuzzing servers send up to 16 MiB. */
    public static final long MAX_MESSAGE_SIZE = 16L << 20;

    private EchoClientRunner() {
    }

    /** Runs every case of the fuzzing server at {@code args[0]} under the agent name {@code args[1]} (default wspy). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: EchoClientRunner ws://host:port [agent]");
            System.exit(2);
        }
        String agent = args.length > 1 ? args[1] : "wspy";
        int cases = run(URI.create(args[0]), agent, defaultOptions(), System.out);
        System.out.println("ran " + cases + " cases as agent " + agent);
    }

    /** 16 MiB messages and frames, permessage-deflate offered with the library's defaults. */
    public static ClientOptions defaultOptions() {
        return ClientOptions.defaults()
                .withHandshake(ClientHandshakeConfig.builder()
                        .extensions(List.of(PerMessageDeflate.builder().build()))
                        .build())
                .withProtocol(ProtocolConfig.defaults()
                        .withMaxMessageSize(MAX_MESSAGE_SIZE)
                        .withMaxFrameSize(MAX_MESSAGE_SIZE));
    }

    /**
     * Runs every case; a case whose connection cannot be opened is reported to {@code log} and
     * skipped over (refusing a bad handshake is what some cases test).
     *
     * @return the number of cases the server announced
     */
    public static int run(URI server, String agent, ClientOptions options, PrintStream log) throws IOException {
        int count = caseCount(server, options);
        String name = URLEncoder.encode(agent, StandardCharsets.UTF_8);
        for (int i = 1; i <= count; i++) {
            try {
                echoUntilClosed(WebSocket.connect(server.resolve("/runCase?case=" + i + "&agent=" + name), options));
            } catch (IOException e) {
                log.println("case " + i + ": no connection: " + e.getMessage());
            }
        }
        Connection update = new Connection(WebSocket.connect(server.resolve("/updateReports?agent=" + name), options));
        while (update.receive() != null) {
            // Nothing is expected but the close.
        }
        return count;
    }

    private static int caseCount(URI server, ClientOptions options) throws IOException {
        Connection connection = new Connection(WebSocket.connect(server.resolve("/getCaseCount"), options));
        Message first = connection.receive();
        while (connection.receive() != null) {
            // Read on until the server closes.
        }
        if (!(first instanceof TextMessage)) {
            throw new IOException("/getCaseCount sent no text message");
        }
        return Integer.parseInt(((TextMessage) first).text().trim());
    }

    private static void echoUntilClosed(WebSocket webSocket) throws IOException {
        Connection connection = new Connection(webSocket) {
            @Override
            protected void onMessage(Message message) {
                try {
                    send(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        connection.receiveForever();
    }
}
