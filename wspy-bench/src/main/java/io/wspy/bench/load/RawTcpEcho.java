package io.wspy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The ceiling: a TCP echo on one NIO selector thread that writes back whatever it reads, no
 * WebSocket at all. A connection whose write cannot complete stops being read until it can, so
 * memory stays bounded; an idle connection holds no buffer.
 */
final class RawTcpEcho {
    private static final int BUFFER = 64 << 10;

    private RawTcpEcho() {
    }

    static void start(int port) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        Thread loop = new Thread(() -> run(selector), "raw-tcp-echo");
        loop.start();
    }

    private static void run(Selector selector) {
        ByteBuffer shared = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (key.isAcceptable()) {
                            SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
                            if (ch != null) {
                                ch.configureBlocking(false);
                                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                ch.register(selector, SelectionKey.OP_READ);
                            }
                        } else {
                            serve(key, shared);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes out what is pending, then reads and echoes until the socket is drained or full. */
    private static void serve(SelectionKey key, ByteBuffer shared) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        ByteBuffer pending = (ByteBuffer) key.attachment();
        if (pending != null) {
            ch.write(pending);
            if (pending.hasRemaining()) {
                return;
            }
            key.attach(null);
            key.interestOps(SelectionKey.OP_READ);
        }
        while (true) {
            shared.clear();
            int n = ch.read(shared);
            if (n < 0) {
                key.cancel();
                ch.close();
                return;
            }
            if (n == 0) {
                return;
            }
            shared.flip();
            ch.write(shared);
            if (shared.hasRemaining()) {
                ByteBuffer rest = ByteBuffer.allocate(shared.remaining());
                rest.put(shared).flip();
                key.attach(rest);
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
        }
    }
}
