package io.sockleak.entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command channel between the CLI and the agent in another JVM. The CLI loads the agent jar once
 * more ({@code VirtualMachine.loadAgent}); {@code agentmain} runs again in the already loaded class,
 * so the running agent is reachable through its statics. Two reserved keys in the agent arguments
 * carry the request; they are taken out before the options parser sees the rest:
 * <ul>
 *   <li>{@code sockleak.command=attach|dump|stop}</li>
 *   <li>{@code sockleak.reply=FILE}: a path in the target's /tmp under a name the CLI chose at random.
 *       The agent creates FILE itself, as the JVM's user: exclusively and without following links
 *       ({@code O_CREAT|O_EXCL|O_NOFOLLOW}), owner-only ({@code rw-------}), and writes its answer as
 *       {@code key=value} lines through the descriptor it created. Whatever already has that name
 *       (a file, a link, a FIFO) makes it give no answer rather than write through it. The CLI
 *       reads the file as a regular file owned by the target's user and removes it.</li>
 * </ul>
 * {@code loadAgent} returns when {@code agentmain} has returned, so the answer is complete by then.
 * The CLI never creates a file the agent must write.
 */
public final class Control {

    public static final String COMMAND_KEY = "sockleak.command";
    public static final String REPLY_KEY = "sockleak.reply";
    /** Set in the target while an agent runs (its start mode); the CLI reads it through the attach API. */
    public static final String STATE_PROPERTY = "sockleak.agent";
    /**
     * Set in the target once the control MBean is registered (its object name), and kept after stop:
     * the CLI then sends its requests through JMX instead of loading the agent again.
     */
    public static final String CHANNEL_PROPERTY = "sockleak.control";
    /** The control MBean's name (a constant: naming it loads no JMX class). */
    public static final String CONTROL_MBEAN = io.sockleak.jmx.AgentControl.OBJECT_NAME;

    private Control() {
    }

    public enum Command {
        ATTACH, DUMP, STOP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Command of(String text) {
            for (Command c : values()) {
                if (c.key().equals(text)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * The agent arguments the CLI sends: the user's options, then the reserved keys ({@code reply}
     * null for a request through the control MBean, which answers as its return value).
     */
    public static String arguments(Command command, Path reply, String options) {
        String request = COMMAND_KEY + "=" + command.key() + (reply == null ? "" : "," + REPLY_KEY + "=" + reply);
        return options == null || options.isBlank() ? request : options + "," + request;
    }

    /**
     * What a loadAgent asked for. {@code command} is null for a plain -javaagent or an attach by
     * another tool; {@code options} is the text without the reserved keys.
     */
    record Request(Command command, String commandText, Path reply, String options) {

        static Request parse(String text) {
            if (text == null || !text.contains("sockleak.")) {
                return new Request(null, null, null, text);
            }
            List<String> kept = new ArrayList<>();
            String command = null;
            String reply = null;
            boolean reserved = false;
            for (String entry : text.split(",", -1)) {
                String trimmed = entry.trim();
                if (trimmed.startsWith(COMMAND_KEY + "=")) {
                    command = trimmed.substring(COMMAND_KEY.length() + 1).trim();
                    reserved = true;
                } else if (trimmed.startsWith(REPLY_KEY + "=")) {
                    reply = trimmed.substring(REPLY_KEY.length() + 1).trim();
                    reserved = true;
                } else {
                    kept.add(entry);
                }
            }
            if (!reserved) {
                return new Request(null, null, null, text);
            }
            Path replyPath = reply == null || reply.isEmpty() ? null : Path.of(reply);
            String commandText = command == null ? Command.ATTACH.key() : command;
            return new Request(Command.of(commandText), commandText, replyPath, String.join(",", kept));
        }

        boolean isControl() {
            return commandText != null;
        }

        /**
         * Creates the reply file the CLI named (exclusive, no-follow, owner-only) and writes the answer
         * through that descriptor; without a reply path, the answer goes to the console.
         */
        void answer(Reply answer, java.util.function.Consumer<String> console) {
            if (reply == null) {
                answer.lines().forEach(l -> console.accept(l.key() + ": " + l.value()));
                return;
            }
            try {
                ByteBuffer bytes = ByteBuffer.wrap(answer.render().getBytes(StandardCharsets.UTF_8));
                Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                FileAttribute<?>[] ownerOnly = reply.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                        : new FileAttribute<?>[0];
                try (SeekableByteChannel channel = Files.newByteChannel(reply, options, ownerOnly)) {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            } catch (IOException | RuntimeException e) {
                console.accept("cannot answer the sockleak CLI in " + reply + ": " + e);
            }
        }
    }

    /** One {@code key=value} line of an answer. */
    public record Line(String key, String value) {
    }

    /**
     * An answer: {@code status=ok|error} first, then {@code key=value} lines; a key may repeat.
     * Values are single lines.
     */
    public static final class Reply {
        public static final String STATUS = "status";
        public static final String MESSAGE = "message";

        private final List<Line> lines = new ArrayList<>();

        public static Reply ok() {
            return new Reply().add(STATUS, "ok");
        }

        public static Reply error(String message) {
            return new Reply().add(STATUS, "error").add(MESSAGE, message);
        }

        public Reply add(String key, Object value) {
            if (value != null) {
                lines.add(new Line(key, String.valueOf(value).replace('\n', ' ').replace('\r', ' ')));
            }
            return this;
        }

        public List<Line> lines() {
            return List.copyOf(lines);
        }

        public boolean isOk() {
            return "ok".equals(first(STATUS));
        }

        public String first(String key) {
            for (Line l : lines) {
                if (l.key().equals(key)) {
                    return l.value();
                }
            }
            return null;
        }

        public List<String> all(String key) {
            List<String> values = new ArrayList<>();
            for (Line l : lines) {
                if (l.key().equals(key)) {
                    values.add(l.value());
                }
            }
            return values;
        }

        public String render() {
            StringBuilder text = new StringBuilder();
            for (Line l : lines) {
                text.append(l.key()).append('=').append(l.value()).append('\n');
            }
            return text.toString();
        }

        public static Reply parse(String text) {
            Reply reply = new Reply();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    reply.lines.add(new Line(line.substring(0, eq), line.substring(eq + 1)));
                }
            }
            return reply;
        }
    }
}
