package io.sockleak.entry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlTest {

    @Test
    void plainOptionsAreNotAControlRequest() {
        Control.Request r = Control.Request.parse("dir=/tmp/x,interval=5s");
        assertFalse(r.isControl());
        assertEquals("dir=/tmp/x,interval=5s", r.options());
        assertFalse(Control.Request.parse(null).isControl());
    }

    @Test
    void reservedKeysAreTakenOutBeforeTheOptionsParser() {
        String args = Control.arguments(Control.Command.DUMP, Path.of("/tmp/reply-1.txt"), "dir=/r,threshold=3");
        Control.Request r = Control.Request.parse(args);
        assertTrue(r.isControl());
        assertEquals(Control.Command.DUMP, r.command());
        assertEquals(Path.of("/tmp/reply-1.txt"), r.reply());
        assertEquals("dir=/r,threshold=3", r.options());
    }

    @Test
    void noOptionsAndUnknownCommands() {
        Control.Request r = Control.Request.parse(Control.arguments(Control.Command.STOP, Path.of("/tmp/r"), null));
        assertEquals(Control.Command.STOP, r.command());
        assertEquals("", r.options());
        Control.Request unknown = Control.Request.parse("sockleak.command=explode");
        assertTrue(unknown.isControl());
        assertNull(unknown.command());
        assertEquals("explode", unknown.commandText());
    }

    @Test
    void repliesRoundTripWithRepeatedKeysAndNoLineBreaks() {
        Control.Reply reply = Control.Reply.ok().add("change", "a").add("change", "b").add("note", "two\nlines")
                .add("absent", null);
        Control.Reply back = Control.Reply.parse(reply.render());
        assertTrue(back.isOk());
        assertEquals(java.util.List.of("a", "b"), back.all("change"));
        assertEquals("two lines", back.first("note"));
        assertNull(back.first("absent"));
        Control.Reply error = Control.Reply.parse(Control.Reply.error("x=y failed").render());
        assertFalse(error.isOk());
        assertEquals("x=y failed", error.first(Control.Reply.MESSAGE));
    }
}
