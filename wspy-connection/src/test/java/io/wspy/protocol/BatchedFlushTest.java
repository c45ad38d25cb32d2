package io.wspy.protocol;

import io.wspy.connection.internal.ReadBatch;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers that the receiving thread sends while it works through input that arrived together
 * leave together: one flush once no more of that input is left, not one per message. The test
 * plays the blocking driver: it marks the batch with {@link ReadBatch} and asks the protocol to
 * flush after it, as {@code Connection} does.
 */
class BatchedFlushTest {
    private final MemoryTransport transport = new MemoryTransport();
    private final ReadBatch batch = new ReadBatch();

    {
        transport.batch = batch;
    }
    /** Flushes counted right after each answer was sent, in the handler. */
    private final List<Integer> flushesAfterEachAnswer = new ArrayList<>();
    private Consumer<Message> handler = this::echo;
    private final WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(),
            ExtensionChain.empty(), transport, new AssemblingListener(m -> handler.accept(m)));

    /** What the blocking driver does with each read. */
    private void receive(ByteBuffer input) {
        batch.begin(input);
        server.receive(input);
        if (batch.end()) {
            server.flush();
        }
    }

    private void echo(Message m) {
        try {
            server.send(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flushesAfterEachAnswer.add(transport.flushes);
    }

    private static ByteBuffer fromClient(Frame... frames) {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        for (Frame f : frames) {
            encoder.encode(f, out);
        }
        return out.flip();
    }

    private static Frame text(String s) {
        return new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Frame> written() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.CLIENT);
        reader.feed(transport.take());
        List<Frame> frames = new ArrayList<>();
        for (Frame f = reader.poll(); f != null; f = reader.poll()) {
            frames.add(f);
        }
        return frames;
    }

    private static String textOf(Frame f) {
        return StandardCharsets.UTF_8.decode(f.payload()).toString();
    }

    @Test
    void answersToMessagesThatArriveTogetherLeaveInOneFlush() throws Exception {
        receive(fromClient(text("a"), text("b"), text("c")));
        assertEquals(List.of(0, 0, 1), flushesAfterEachAnswer, "deferred until the last message of the input");
        assertEquals(1, transport.flushes);
        List<Frame> frames = written();
        assertEquals(List.of("a", "b", "c"), frames.stream().map(BatchedFlushTest::textOf).toList());
    }

    @Test
    void aLoneMessageIsAnsweredAtOnce() throws Exception {
        receive(fromClient(text("only")));
        assertEquals(List.of(1), flushesAfterEachAnswer, "flushed before the handler returned");
    }

    @Test
    void whatWasDeferredLeavesWhenTheInputIsUsedUp() throws Exception {
        ByteBuffer all = fromClient(text("first"), text("second"));
        ByteBuffer head = all.duplicate().limit(all.limit() - 2);
        ByteBuffer tail = all.duplicate().position(all.limit() - 2);
        receive(head);
        assertEquals(List.of(0), flushesAfterEachAnswer, "deferred: part of the next frame was still to read");
        assertEquals(1, transport.flushes, "flushed once that part was read");
        receive(tail);
        assertEquals(List.of(0, 2), flushesAfterEachAnswer);
        assertEquals(List.of("first", "second"), written().stream().map(BatchedFlushTest::textOf).toList());
    }

    @Test
    void anotherThreadSendingMeanwhileIsNotDeferred() throws Exception {
        List<Integer> flushesSeenByOtherThread = new ArrayList<>();
        handler = m -> {
            if (textOf(new Frame(true, 0, Opcode.TEXT, m.payload())).equals("a")) {
                Thread other = new Thread(() -> {
                    try {
                        server.sendText("from elsewhere");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    flushesSeenByOtherThread.add(transport.flushes);
                });
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            echo(m);
        };
        receive(fromClient(text("a"), text("b")));
        assertEquals(List.of(1), flushesSeenByOtherThread, "the other thread's send was flushed at once");
        assertEquals(List.of("from elsewhere", "a", "b"), written().stream().map(BatchedFlushTest::textOf).toList());
    }

    @Test
    void deferredAnswersLeaveBeforeTheCloseEcho() throws Exception {
        Frame close = new Frame(true, 0, Opcode.CLOSE, CloseStatus.of(1000).encode());
        receive(fromClient(text("a"), text("b"), close));
        List<Frame> frames = written();
        assertEquals(3, frames.size(), "the answers were not lost when the connection closed");
        assertEquals("a", textOf(frames.get(0)));
        assertEquals("b", textOf(frames.get(1)));
        assertEquals(Opcode.CLOSE, frames.get(2).opcode());
        assertTrue(transport.flushes >= 1);
    }
}
