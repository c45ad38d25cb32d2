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
import java.util.ServiceLoader;

/**
 * Runs wspy's client as the echo client of a fuzzing server that speaks the de-facto standard
 * protocol (the Autobahn TestSuite's {@code fuzzingserver}, or this suite's {@link FuzzingServer}):
 * asks {@code /getCaseCount}, connects to {@code /runCase?case=N&agent=NAME} for every case and
 * echoes each message until the server closes, then calls {@code /updateReports?agent=NAME}.
 *
 * <pre>
 * java -cp ... io.wspy.server.conformance.EchoClientRunner ws://127.0.0.1:9001 [agent] [client]
 * </pre>
 *
 * <p>{@code client} picks the {@link EchoClient} that runs the cases: {@code blocking} (the
 * default, wspy's {@code Connection}) or the name of one on the class path, such as {@code async}
 * (wspy-client's {@code AsyncClient}, with wspy-client's test classes on the class path).
 */
public final class EchoClientRunner {
    /** The message limit of {@link #defaultOptions()}: the fuzzing servers send up to 16 MiB. */
    public static final long MAX_MESSAGE_SIZE = 16L << 20;

    /** wspy's blocking {@code Connection}. */
    public static final EchoClient BLOCKING = new EchoClient() {
        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public void echoUntilClosed(URI uri, ClientOptions options) throws IOException {
            EchoClientRunner.echoUntilClosed(WebSocket.connect(uri, options));
        }
    };

    private EchoClientRunner() {
    }

    /** Runs every case of the fuzzing server at {@code args[0]} under the agent name {@code args[1]} (default wspy). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: EchoClientRunner ws://host:port [agent] [blocking|async]");
            System.exit(2);
        }
        String agent = args.length > 1 ? args[1] : "wspy";
        EchoClient client = args.length > 2 ? client(args[2]) : BLOCKING;
        int cases = run(URI.create(args[0]), agent, defaultOptions(), System.out, client);
        System.out.println("ran " + cases + " cases as agent " + agent + " with the " + client.name() + " client");
        if (client instanceof AutoCloseable) {
            ((AutoCloseable) client).close();
        }
    }

    /** The client called {@code name}: {@link #BLOCKING}, or one found by {@link ServiceLoader}. */
    static EchoClient client(String name) {
        if (name.equals(BLOCKING.name())) {
            return BLOCKING;
        }
        for (EchoClient c : ServiceLoader.load(EchoClient.class)) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no echo client called " + name + " on the class path");
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
        return run(server, agent, options, log, BLOCKING);
    }

    /** Like {@link #run(URI, String, ClientOptions, PrintStream)}, each case run by {@code client}. */
    public static int run(URI server, String agent, ClientOptions options, PrintStream log, EchoClient client)
            throws IOException {
        int count = caseCount(server, options);
        String name = URLEncoder.encode(agent, StandardCharsets.UTF_8);
        for (int i = 1; i <= count; i++) {
            try {
                client.echoUntilClosed(server.resolve("/runCase?case=" + i + "&agent=" + name), options);
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
