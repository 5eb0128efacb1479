package io.sockleak.control;

import java.util.ArrayList;
import java.util.List;

/**
 * An answer: {@code status=ok|error} first, then {@code key=value} lines; a key may repeat. Values are
 * single lines. Written by the agent, read by the CLI, both through {@link ReplyKey}.
 */
public final class Reply {

    /** One line of an answer; {@code key} is null for a line whose key this version does not know. */
    public record Line(ReplyKey key, String wireKey, String value) {
    }

    private final List<Line> lines = new ArrayList<>();

    public static Reply ok() {
        return new Reply().add(ReplyKey.STATUS, "ok");
    }

    public static Reply error(String message) {
        return new Reply().add(ReplyKey.STATUS, "error").add(ReplyKey.MESSAGE, message);
    }

    /** Adds a line unless {@code value} is null; line breaks in the value become spaces. */
    public Reply add(ReplyKey key, Object value) {
        if (value != null) {
            lines.add(new Line(key, key.wire(), String.valueOf(value).replace('\n', ' ').replace('\r', ' ')));
        }
        return this;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public boolean isOk() {
        return "ok".equals(first(ReplyKey.STATUS));
    }

    /** The first value under {@code key}, or null. */
    public String first(ReplyKey key) {
        for (Line l : lines) {
            if (l.key() == key) {
                return l.value();
            }
        }
        return null;
    }

    /** Every value under {@code key}, in order. */
    public List<String> all(ReplyKey key) {
        List<String> values = new ArrayList<>();
        for (Line l : lines) {
            if (l.key() == key) {
                values.add(l.value());
            }
        }
        return values;
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        for (Line l : lines) {
            text.append(l.wireKey()).append('=').append(l.value()).append('\n');
        }
        return text.toString();
    }

    /** Reads an answer; lines without '=' are skipped, keys this version does not know are kept unnamed. */
    public static Reply parse(String text) {
        Reply reply = new Reply();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String wire = line.substring(0, eq);
                reply.lines.add(new Line(keyOf(wire), wire, line.substring(eq + 1)));
            }
        }
        return reply;
    }

    private static ReplyKey keyOf(String wire) {
        for (ReplyKey key : ReplyKey.values()) {
            if (key.wire().equals(wire)) {
                return key;
            }
        }
        return null;
    }
}
