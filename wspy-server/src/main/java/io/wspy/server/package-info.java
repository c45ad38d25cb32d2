/** WebSocket servers. */
package io.wspy.server;
