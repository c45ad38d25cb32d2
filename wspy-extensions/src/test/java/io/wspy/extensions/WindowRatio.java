package io.wspy.extensions;

import io.wspy.frame.Frame;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the window limit costs in compression: a file sent as messages of a given size over one
 * connection with context takeover, compressed for a peer that asked for each window from 8 to
 * 15 bits. Prints the total compressed size for each.
 *
 * <pre>
 * java -cp ... io.wspy.extensions.WindowRatio /tmp/corpus.txt 16384
 * </pre>
 * Not a test: run by hand; its figures are in the module's README.
 */
public final class WindowRatio {
    private WindowRatio() {
    }

    public static void main(String[] args) throws Exception {
        byte[] corpus = Files.readAllBytes(Path.of(args[0]));
        int messageSize = Integer.parseInt(args[1]);
        System.out.printf("%s: %d bytes in messages of %d bytes%n", args[0], corpus.length, messageSize);
        for (int bits = 8; bits <= 15; bits++) {
            PerMessageDeflate factory = PerMessageDeflate.builder().compressionThreshold(0).build();
            Extension server = factory.acceptOffer(ExtensionParameters.parseHeader(
                    "permessage-deflate; server_max_window_bits=" + bits).get(0));
            long total = 0;
            for (int at = 0; at < corpus.length; at += messageSize) {
                byte[] message = Arrays.copyOfRange(corpus, at, Math.min(corpus.length, at + messageSize));
                total += server.encode(Frame.binary(message)).length();
            }
            server.close();
            System.out.printf("server_max_window_bits=%d: %d bytes (%.1f%%)%n", bits, total, 100.0 * total / corpus.length);
        }
    }
}
