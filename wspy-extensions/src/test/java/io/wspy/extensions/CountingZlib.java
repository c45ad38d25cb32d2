package io.wspy.extensions;

import io.wspy.extensions.internal.ZlibFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** A zlib source that records every deflater and inflater it creates and which were ended. */
final class CountingZlib implements ZlibFactory {
    final List<Deflater> deflaters = new CopyOnWriteArrayList<>();
    final List<Inflater> inflaters = new CopyOnWriteArrayList<>();
    private final Set<Object> ended = ConcurrentHashMap.newKeySet();

    @Override
    public Deflater newDeflater() {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true) {
            @Override
            public void end() {
                ended.add(this);
                super.end();
            }
        };
        deflaters.add(d);
        return d;
    }

    @Override
    public Inflater newInflater() {
        Inflater i = new Inflater(true) {
            @Override
            public void end() {
                ended.add(this);
                super.end();
            }
        };
        inflaters.add(i);
        return i;
    }

    long endedDeflaters() {
        return deflaters.stream().filter(ended::contains).count();
    }

    long endedInflaters() {
        return inflaters.stream().filter(ended::contains).count();
    }

    /** Instances created and not ended: native zlib memory still held. */
    long live() {
        return deflaters.size() + inflaters.size() - endedDeflaters() - endedInflaters();
    }
}
