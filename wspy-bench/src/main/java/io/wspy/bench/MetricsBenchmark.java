package io.wspy.bench;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.TextMessage;
import io.wspy.protocol.Transport;
import io.wspy.protocol.WebSocketProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What counting metrics costs the protocol core per small message: a server-side protocol reads a
 * buffer of {@value #MESSAGES} masked 32-byte text frames and answers each from its listener, as
 * an echo handler on the selector loop does, with
 * {@code WebSocketMetrics.NONE} or a {@code CountingMetrics}. One operation is one message in and
 * one out. The load benchmark's {@code wspy-async-metrics} server measures the same end to end;
 * {@link MetricsCost} runs this one on thread CPU time, both ways interleaved, for a loaded machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsBenchmark {
    static final int MESSAGES = 64;
    private static final TextMessage REPLY = new TextMessage("x".repeat(32));

    @Param({"none", "counting"})
    String metrics;

    /** How many of the frames each read holds: a busy server's reads hold a few, not all 64. */
    @Param({"64", "8", "1"})
    int framesPerRead;

    private WebSocketProtocol protocol;
    private ByteBuffer pristine;
    private ByteBuffer input;

    @Setup
    public void setUp() {
        WebSocketMetrics listener = metrics.equals("counting") ? CountingMetrics.create() : WebSocketMetrics.NONE;
        Echo echo = new Echo();
        protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults().withMetrics(listener),
                ExtensionChain.empty(), new Discard(), echo);
        echo.protocol = protocol;
        protocol.start();
        FrameEncoder client = new FrameEncoder(Role.CLIENT);
        pristine = ByteBuffer.allocate(MESSAGES * 64);
        byte[] text = "y".repeat(32).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < MESSAGES; i++) {
            pristine.put(client.encode(new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap(text))));
        }
        pristine.flip();
        input = ByteBuffer.allocate(pristine.remaining());
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public ByteBuffer echoSmallMessages() throws Exception {
        // The protocol unmasks in place: each round reads a fresh copy.
        input.clear();
        input.put(pristine.duplicate()).flip();
        int frameBytes = input.remaining() / MESSAGES;
        int limit = input.limit();
        while (input.position() < limit) {
            input.limit(Math.min(limit, input.position() + framesPerRead * frameBytes));
            protocol.receive(input);
        }
        return input;
    }

    /** A transport that drops what it is given, as a socket that always takes everything. */
    private static final class Discard implements Transport {
        @Override
        public void write(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void schedule(ProtocolTimer timer, long delayMillis) {
        }

        @Override
        public void cancel(ProtocolTimer timer) {
        }
    }

    /** A listener that answers each message with {@link #REPLY} and ignores every other event. */
    private static final class Echo implements ProtocolListener {
        WebSocketProtocol protocol;

        @Override
        public void onMessageStart(int opcode) {
        }

        @Override
        public void onMessageData(ByteBuffer data) {
        }

        @Override
        public void onMessageEnd() {
            try {
                protocol.send(REPLY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClose(CloseStatus status) {
        }
    }
}
