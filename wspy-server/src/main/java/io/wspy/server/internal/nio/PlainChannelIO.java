package io.wspy.server.internal.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain TCP: the channel itself. */
public final class PlainChannelIO implements ChannelIO {
    private final SocketChannel channel;

    /** Wraps a connected, non-blocking channel. */
    public PlainChannelIO(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing is left to do with a channel that fails to close.
        }
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
