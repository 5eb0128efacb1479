package io.sockleak.control;

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
import java.util.Set;

/**
 * What a loadAgent asked for. {@code command} is null for a plain -javaagent or an attach by
 * another tool; {@code options} is the text without the reserved keys.
 */
public record Request(ControlCommand command, String commandText, Path reply, String options) {

    public static Request parse(String text) {
        if (text == null || !text.contains("sockleak.")) {
            return new Request(null, null, null, text);
        }
        List<String> kept = new ArrayList<>();
        String command = null;
        String reply = null;
        boolean reserved = false;
        for (String entry : text.split(",", -1)) {
            String trimmed = entry.trim();
            if (trimmed.startsWith(ControlNames.COMMAND_KEY + "=")) {
                command = trimmed.substring(ControlNames.COMMAND_KEY.length() + 1).trim();
                reserved = true;
            } else if (trimmed.startsWith(ControlNames.REPLY_KEY + "=")) {
                reply = trimmed.substring(ControlNames.REPLY_KEY.length() + 1).trim();
                reserved = true;
            } else {
                kept.add(entry);
            }
        }
        if (!reserved) {
            return new Request(null, null, null, text);
        }
        Path replyPath = reply == null || reply.isEmpty() ? null : Path.of(reply);
        String commandText = command == null ? ControlCommand.ATTACH.key() : command;
        return new Request(ControlCommand.of(commandText), commandText, replyPath, String.join(",", kept));
    }

    public boolean isControl() {
        return commandText != null;
    }

    /**
     * Creates the reply file the CLI named (exclusive, no-follow, owner-only) and writes the answer
     * through that descriptor; without a reply path, the answer goes to the console.
     */
    public void answer(Reply answer, java.util.function.Consumer<String> console) {
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

    /**
     * The agent arguments the CLI sends: the user's options, then the reserved keys ({@code reply}
     * null for a request through the control MBean, which answers as its return value).
     */
    public static String arguments(ControlCommand command, Path reply, String options) {
        String request = ControlNames.COMMAND_KEY + "=" + command.key()
                + (reply == null ? "" : "," + ControlNames.REPLY_KEY + "=" + reply);
        return options == null || options.isBlank() ? request : options + "," + request;
    }
}
