package io.wspy.client;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.server.WebSocketHandler;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client handler that records its events for the test to wait on. */
class Events implements WebSocketHandler {
    static final long WAIT_SECONDS = 20;

    final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(Session server) {
        opened.add(server);
    }

    @Override
    public void onMessage(Session server, Message message) {
        messages.add(message);
    }

    @Override
    public void onClose(Session server, int code, String reason) {
        closes.add(code);
    }

    @Override
    public void onError(Session server, Throwable error) {
        errors.add(error);
    }

    @Override
    public void onPing(Session server, byte[] payload) {
        pings.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(Session server, byte[] payload) {
        pongs.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    Message message() throws InterruptedException {
        Message m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WAIT_SECONDS + " s");
        }
        return m;
    }

    int close() throws InterruptedException {
        Integer code = closes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (code == null) {
            throw new AssertionError("no close within " + WAIT_SECONDS + " s");
        }
        return code;
    }
}
