package io.wspy.extensions;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionParameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Measures what an idle permessage-deflate connection costs a server, in lean and in ratio mode:
 * N server-side extensions each receive and send one compressed message (4 KiB unless a third
 * argument says otherwise), then sit idle.
 * Native memory is read as the growth of the process's resident set (VmRSS), with the Java heap
 * pre-touched so that it does not count there; heap is read separately after a GC.
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp ... io.wspy.extensions.MemoryFootprint lean 10000
 * </pre>
 * Not a test: run by hand; its figures are in the module's README.
 */
public final class MemoryFootprint {
    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        boolean lean = args[0].equals("lean");
        int n = Integer.parseInt(args[1]);
        PerMessageDeflate factory = lean ? PerMessageDeflate.builder().lean().build()
                : PerMessageDeflate.builder().ratio().build();
        ExtensionParameters offer = ExtensionParameters.parseHeader("permessage-deflate; client_max_window_bits")
                .get(0);
        byte[] message = Bytes.text(42, args.length > 2 ? Integer.parseInt(args[2]) : 4096);
        byte[] fromClient = firstMessageOfAStream(message);

        settle();
        long rssBefore = rssKiB();
        long heapBefore = heapUsed();
        List<Extension> connections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Extension e = factory.acceptOffer(offer);
            e.decode(new Frame(true, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap(fromClient)), message.length);
            e.encode(Frame.binary(message));
            connections.add(e);
        }
        settle();
        long rssIdle = rssKiB();
        long heapIdle = heapUsed();
        connections.forEach(Extension::close);
        factory.releaseIdle();
        settle();
        long rssClosed = rssKiB();

        System.out.printf("%s mode, %d connections, %d-byte messages, %s, %s%n", lean ? "lean" : "ratio", n,
                message.length,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.arch"));
        System.out.printf("response: %s%n", connections.get(0).parameters());
        System.out.printf("native (RSS growth): %.1f KiB per idle connection%n", (rssIdle - rssBefore) / (double) n);
        System.out.printf("heap: %.1f KiB per idle connection (incl. the extension objects)%n",
                (heapIdle - heapBefore) / 1024.0 / n);
        System.out.printf("RSS after closing all: %+d KiB against the start%n", rssClosed - rssBefore);
        if (connections.size() != n) {
            throw new IllegalStateException();
        }
    }

    /** What a client sends as its first compressed message: a fresh stream, tail removed. */
    private static byte[] firstMessageOfAStream(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        byte[] out = new byte[message.length + 1024];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return java.util.Arrays.copyOf(out, length - 4);
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
