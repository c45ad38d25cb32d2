package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that echoes (unless told not to) and records every event for the test to check. */
class Recorder implements WebSocketHandler {
    static final long WAIT_SECONDS = 10;

    final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile boolean echo = true;

    @Override
    public void onOpen(Session client) {
        threads.add(Thread.currentThread().getName());
        opened.add(client);
    }

    @Override
    public void onMessage(Session client, Message message) {
        messages.add(message);
        if (echo) {
            try {
                client.send(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        closes.add(code + " " + reason);
    }

    @Override
    public void onError(Session client, Throwable error) {
        errors.add(error);
    }

    @Override
    public void onPing(Session client, byte[] payload) {
        pings.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(Session client, byte[] payload) {
        pongs.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void onSent(Session client, Message message) {
        sent.add(message);
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("no event within " + WAIT_SECONDS + " s");
        }
        return value;
    }
}
