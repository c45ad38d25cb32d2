package io.wspy.bench.load;

/**
 * One measured fan-out phase.
 *
 * @param setup        what published: {@code "1 node, in-process"} or {@code "N nodes, Redis"}
 * @param subscribers  subscribers in the room, spread over the nodes
 * @param messages     messages published
 * @param seconds      from the first publication to the last delivery (or the time limit)
 * @param delivered    messages delivered, over all subscribers
 * @param complete     subscribers that got every message published so far, once each and in order
 * @param local        publish-to-delivery times on the publisher's node, in ns: p50, p99
 * @param remote       the same on the other nodes (zeros with one node)
 * @param all          the same over every subscriber
 */
record FanOutResult(String setup, int subscribers, long messages, double seconds, long delivered, int complete,
                    long[] local, long[] remote, long[] all) {

    double deliveredPerSecond() {
        return delivered / seconds;
    }

    /** Deliveries that did not happen within the time limit. */
    long lost() {
        return messages * subscribers - delivered;
    }
}
