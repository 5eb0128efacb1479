package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;
import io.sockleak.track.SocketRecord;

import java.util.List;

/**
 * A listening socket of this process: its LISTEN row (null without a kernel view), the agent's
 * record if it saw it opened, and the connections never accepted: those that have waited in its
 * accept queue ({@link Diagnoser} says how long), not every one a look finds there.
 */
public record ListenerFinding(TcpRow row, SocketRecord record, Integer fd, List<TcpRow> unaccepted) {
}
