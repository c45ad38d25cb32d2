package io.wspy.cluster;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A wspy blocking client whose own thread receives text messages into a queue, or hands them to a consumer. */
final class TestClient implements AutoCloseable {
    private final Connection connection;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Consumer<String> consumer = received::add;
    private volatile boolean closedByPeer;

    private TestClient(Connection connection) {
        this.connection = connection;
        this.reader = new Thread(this::read, "test-client");
        reader.setDaemon(true);
        reader.start();
    }

    static TestClient connect(int port) throws IOException {
        return new TestClient(new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + port + "/"))));
    }

    /** From now on, text messages go to {@code consumer} instead of the queue. */
    void onText(Consumer<String> consumer) {
        this.consumer = consumer;
    }

    private void read() {
        Message m;
        while ((m = connection.receive()) != null) {
            if (m instanceof TextMessage t) {
                consumer.accept(t.text());
            }
        }
        closedByPeer = true;
    }

    void send(String text) throws IOException {
        connection.sendText(text);
    }

    /** The next message that {@code wanted} accepts (skipping others), or an AssertionError after {@code timeout}. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String m = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no wanted message within " + timeout);
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** The next message within {@code timeout}, or {@code null}. */
    String poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Sends {@code /join room} and waits for the node's confirmation. */
    void join(String room) throws IOException, InterruptedException {
        send("/join " + room);
        await(("/joined " + room)::equals, Duration.ofSeconds(10));
    }

    boolean isOpen() {
        return connection.isOpen() && !closedByPeer;
    }

    /** Whether the reader saw the connection end. */
    boolean wasClosed() {
        return closedByPeer;
    }

    @Override
    public void close() throws IOException {
        if (connection.isOpen()) {
            connection.close();
        }
    }
}
