package io.sockleak.ports;

import io.sockleak.kernel.TcpState;
import io.sockleak.model.BindFailure;
import io.sockleak.model.PortHolder;
import io.sockleak.track.FrameRule;

import java.util.ArrayList;
import java.util.List;

/**
 * The one stderr line of a bind failure, e.g. {@code bind 127.0.0.1:8080 failed: Address already in
 * use; held by LISTEN in this JVM opened at Foo.main(Foo.java:12); hint: ...}.
 */
final class BindLine {

    private static final int MAX_HOLDERS = 4;

    private BindLine() {
    }

    static String of(BindFailure failure, String message, int notExplained) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("bind ").append(failure.address()).append(" failed: ")
                .append(message == null ? Errno.ADDRESS_IN_USE : message);
        List<PortHolder> holders = failure.holders();
        if (!holders.isEmpty()) {
            List<String> phrases = new ArrayList<>();
            for (int i = 0; i < holders.size() && i < MAX_HOLDERS; i++) {
                phrases.add(phrase(holders.get(i)));
            }
            if (holders.size() > MAX_HOLDERS) {
                phrases.add((holders.size() - MAX_HOLDERS) + " more (see the report)");
            }
            sb.append("; held by ").append(String.join(", ", phrases));
        }
        if (failure.hint() != null) {
            sb.append("; hint: ").append(failure.hint());
        }
        if (notExplained > 0) {
            sb.append(" (").append(notExplained).append(" more bind failure")
                    .append(notExplained == 1 ? "" : "s").append(" not explained since the last line)");
        }
        return sb.toString();
    }

    static String phrase(PortHolder h) {
        StringBuilder sb = new StringBuilder(96);
        boolean listen = TcpState.LISTEN.name().equals(h.state());
        if (h.count() != 1 || !listen) {
            sb.append(h.count()).append(' ');
        }
        sb.append(h.state());
        switch (h.owner()) {
            case PortHolder.THIS_JVM -> {
                sb.append(" in this JVM");
                String frame = h.frame() != null ? h.frame() : frame(h.stack());
                sb.append(frame != null ? " opened at " + frame : " (not tracked by the agent)");
            }
            case PortHolder.OTHER_PROCESS -> sb.append(h.pid() != null ? " in process " + h.pid()
                    : " in another process (pid not visible)");
            default -> {
                if (h.secondsLeft() != null) {
                    sb.append(" (").append(BindHint.seconds(h.secondsLeft())).append(" left)");
                } else if (!TcpState.TIME_WAIT.name().equals(h.state())) {
                    sb.append(" (no fd: kernel-owned or waiting in an accept queue)");
                }
            }
        }
        return sb.toString();
    }

    /** The first frame of a stack outside the JDK, else its first frame. */
    static String frame(List<String> stack) {
        for (String f : stack) {
            if (!FrameRule.isJdk(FrameRule.classNameOf(f))) {
                return f;
            }
        }
        return stack.isEmpty() ? null : stack.get(0);
    }
}
