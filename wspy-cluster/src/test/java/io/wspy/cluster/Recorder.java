package io.wspy.cluster;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What one test client received of the messages {@code ROOM|NODE|SEQ} (and probes
 * {@code probe|ROOM|NODE|N}): which numbers arrived from each publisher in each room, in what
 * order, and anything that should not have arrived. Fed by the client's reader thread only.
 */
final class Recorder implements Consumer<String> {
    final Set<String> rooms;
    private final Map<String, BitSet> seen = new HashMap<>();
    private final Map<String, Integer> last = new HashMap<>();
    final AtomicLong count = new AtomicLong();
    final Set<String> probesFrom = ConcurrentHashMap.newKeySet();
    final List<String> problems = new CopyOnWriteArrayList<>();

    Recorder(Set<String> rooms) {
        this.rooms = rooms;
    }

    @Override
    public void accept(String text) {
        String[] parts = text.split("\\|");
        if (parts[0].equals("probe")) {
            probesFrom.add(parts[2]);
            return;
        }
        if (parts.length != 3 || !rooms.contains(parts[0])) {
            problems.add("unexpected message " + text);
            return;
        }
        String key = parts[0] + "|" + parts[1];
        int seq = Integer.parseInt(parts[2]);
        Integer previous = last.get(key);
        if (previous != null && seq <= previous) {
            problems.add("out of order or twice: " + text + " after " + previous);
        }
        last.put(key, seq);
        synchronized (seen) {
            seen.computeIfAbsent(key, k -> new BitSet()).set(seq);
        }
        count.incrementAndGet();
    }

    /** The numbers received from {@code node} in {@code room}. */
    BitSet seen(String room, String node) {
        synchronized (seen) {
            BitSet s = seen.get(room + "|" + node);
            return s == null ? new BitSet() : (BitSet) s.clone();
        }
    }
}
