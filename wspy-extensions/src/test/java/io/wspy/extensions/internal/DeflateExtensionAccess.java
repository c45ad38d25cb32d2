package io.wspy.extensions.internal;

import io.wspy.frame.extension.Extension;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Lets tests in other packages see which zlib streams an extension holds and how large their
 * buffers are. It reads the classes' private fields, so that they carry no hooks for tests.
 */
public final class DeflateExtensionAccess {
    private DeflateExtensionAccess() {
    }

    /**
     * The capacities of a stream's output buffers now: the one kept between frames, and the one
     * of a message in progress (0 for none).
     */
    public record Buffers(int retained, int current) {
    }

    /** The compressor the extension holds now, or null. */
    public static Compressor sendingStream(Extension e) {
        return (Compressor) field(((DeflateExtension) e).sending(), "stream");
    }

    /** The decompressor the extension holds now, or null. */
    public static Decompressor receivingStream(Extension e) {
        return (Decompressor) field(((DeflateExtension) e).receiving(), "stream");
    }

    /** The buffers of a {@link Compressor} or {@link Decompressor}. */
    public static Buffers buffers(Object stream) {
        Object out = field(stream, "out");
        return new Buffers(capacity((ByteBuffer) field(out, "retained")), capacity((ByteBuffer) field(out, "current")));
    }

    private static int capacity(ByteBuffer buffer) {
        return buffer == null ? 0 : buffer.capacity();
    }

    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // Declared higher up.
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no field " + name + " in " + target.getClass());
    }
}
