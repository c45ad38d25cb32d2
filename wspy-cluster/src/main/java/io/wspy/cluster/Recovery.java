package io.wspy.cluster;

/**
 * The outcome of {@link Rooms#recover}.
 *
 * @param delivered how many kept messages were sent to the client
 * @param complete  false if the client missed more than was sent: the gap is older than the kept
 *                  history, or longer than {@link RoomsOptions#maxRecovered()}
 */
public record Recovery(int delivered, boolean complete) {
}
