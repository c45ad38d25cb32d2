package io.wspy.extensions;

import io.wspy.frame.DecoderConfig;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Role;
import io.wspy.frame.WebSocketException;
import io.wspy.frame.extension.ExtensionChain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.wspy.extensions.Bytes.hex;
import static io.wspy.extensions.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The examples of RFC 7692 section 7.2.3, byte for byte: whole server-to-client frames as printed
 * in the RFC, decoded by a client and, where the RFC shows what a compressor emits, produced by a
 * server.
 */
class Rfc7692ExamplesTest {
    private static final PerMessageDeflate TAKEOVER = PerMessageDeflate.builder().compressionThreshold(0).build();
    private static final PerMessageDeflate NO_TAKEOVER =
            PerMessageDeflate.builder().serverNoContextTakeover(true).compressionThreshold(0).build();

    /** Decodes the RFC's wire bytes on the client side: one string per message. */
    private static List<String> clientReceives(PerMessageDeflate server, String wireHex) throws WebSocketException {
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
            FrameReader reader = new FrameReader(DecoderConfig.of(Role.CLIENT).withAllowedRsv(FrameHeader.RSV1));
            reader.feed(hex(wireHex), 0, hex(wireHex).length);
            List<String> messages = new ArrayList<>();
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            for (Frame frame = reader.poll(); frame != null; frame = reader.poll()) {
                Frame decoded = link.client().decode(frame, Long.MAX_VALUE);
                message.writeBytes(decoded.payloadBytes());
                if (decoded.fin()) {
                    messages.add(message.toString(java.nio.charset.StandardCharsets.UTF_8));
                    message.reset();
                }
            }
            return messages;
        }
    }

    /** The server's wire bytes (header included) for each text message. */
    private static List<byte[]> serverSends(PerMessageDeflate server, String... messages) throws WebSocketException {
        FrameEncoder encoder = new FrameEncoder(Role.SERVER);
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
            ExtensionChain chain = link.server();
            List<byte[]> wire = new ArrayList<>();
            for (String m : messages) {
                var out = encoder.encode(chain.encode(Frame.text(m)));
                byte[] bytes = new byte[out.remaining()];
                out.get(bytes);
                wire.add(bytes);
            }
            return wire;
        }
    }

    @Test
    void section7231HelloInOneFrame() throws Exception {
        assertEquals(List.of("Hello"), clientReceives(TAKEOVER, "0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"));
    }

    @Test
    void section7231HelloCompressedThenFragmented() throws Exception {
        assertEquals(List.of("Hello"),
                clientReceives(TAKEOVER, "0x41 0x03 0xf2 0x48 0xcd  0x80 0x04 0xc9 0xc9 0x07 0x00"));
    }

    @Test
    void section7232SecondHelloUsesTheSharedWindow() throws Exception {
        assertEquals(List.of("Hello", "Hello"), clientReceives(TAKEOVER,
                "0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00  0xc1 0x05 0xf2 0x00 0x11 0x00 0x00"));
    }

    @Test
    void section7233StoredBlock() throws Exception {
        assertEquals(List.of("Hello"),
                clientReceives(TAKEOVER, "0xc1 0x0b 0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00"));
    }

    @Test
    void section7234BlockWithBfinalSet() throws Exception {
        assertEquals(List.of("Hello"), clientReceives(TAKEOVER, "0xc1 0x08 0xf3 0x48 0xcd 0xc9 0xc9 0x07 0x00 0x00"));
    }

    @Test
    void section7234BfinalDoesNotEndTheConnectionsStream() throws Exception {
        assertEquals(List.of("Hello", "Hello", "Hello"), clientReceives(TAKEOVER,
                "0xc1 0x08 0xf3 0x48 0xcd 0xc9 0xc9 0x07 0x00 0x00"
                        + " 0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"
                        + " 0xc1 0x05 0xf2 0x00 0x11 0x00 0x00"));
    }

    @Test
    void section7235TwoDeflateBlocksInOneMessage() throws Exception {
        assertEquals(List.of("Hello"), clientReceives(TAKEOVER,
                "0xc1 0x0d 0xf2 0x48 0x05 0x00 0x00 0x00 0xff 0xff 0xca 0xc9 0xc9 0x07 0x00"));
    }

    @Test
    void section7236EmptyMessageIsOneZeroByte() throws Exception {
        assertEquals(List.of(""), clientReceives(TAKEOVER, "0xc1 0x01 0x00"));
        assertArrayEquals(hex("0xc1 0x01 0x00"), serverSends(TAKEOVER, "").get(0));
    }

    @Test
    void serverCompressesHelloAsTheRfcShows() throws Exception {
        assertArrayEquals(hex("0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"), serverSends(TAKEOVER, "Hello").get(0));
    }

    @Test
    void withContextTakeoverTheSecondHelloIsFiveBytes() throws Exception {
        List<byte[]> wire = serverSends(TAKEOVER, "Hello", "Hello");
        assertArrayEquals(hex("0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"), wire.get(0));
        assertArrayEquals(hex("0xc1 0x05 0xf2 0x00 0x11 0x00 0x00"), wire.get(1));
    }

    @Test
    void withoutContextTakeoverEveryHelloIsTheSame() throws Exception {
        List<byte[]> wire = serverSends(NO_TAKEOVER, "Hello", "Hello");
        assertArrayEquals(hex("0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"), wire.get(0));
        assertArrayEquals(hex("0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"), wire.get(1));
    }

    @Test
    void theRfcFramesRoundTripThroughOurOwnDecoder() throws Exception {
        try (Link link = Link.negotiate(PerMessageDeflate.builder().compressionThreshold(0).build(), TAKEOVER)) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(utf8("Hello"), link.serverToClient(utf8("Hello")).received());
            }
        }
    }
}
