package io.sockleak.control;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlProtocolTest {

    @Test
    void plainOptionsAreNotAControlRequest() {
        Request r = Request.parse("dir=/tmp/x,interval=5s");
        assertFalse(r.isControl());
        assertEquals("dir=/tmp/x,interval=5s", r.options());
        assertFalse(Request.parse(null).isControl());
    }

    @Test
    void reservedKeysAreTakenOutBeforeTheOptionsParser() {
        String args = Request.arguments(ControlCommand.DUMP, Path.of("/tmp/reply-1.txt"), "dir=/r,threshold=3");
        Request r = Request.parse(args);
        assertTrue(r.isControl());
        assertEquals(ControlCommand.DUMP, r.command());
        assertEquals(Path.of("/tmp/reply-1.txt"), r.reply());
        assertEquals("dir=/r,threshold=3", r.options());
    }

    @Test
    void noOptionsAndUnknownCommands() {
        Request r = Request.parse(Request.arguments(ControlCommand.STOP, Path.of("/tmp/r"), null));
        assertEquals(ControlCommand.STOP, r.command());
        assertEquals("", r.options());
        Request unknown = Request.parse("sockleak.command=explode");
        assertTrue(unknown.isControl());
        assertNull(unknown.command());
        assertEquals("explode", unknown.commandText());
    }

    @Test
    void repliesRoundTripWithRepeatedKeysAndNoLineBreaks() {
        Reply reply = Reply.ok().add(ReplyKey.CHANGE, "a").add(ReplyKey.CHANGE, "b").add(ReplyKey.NOTE, "two\nlines")
                .add(ReplyKey.REPORT, null);
        Reply back = Reply.parse(reply.render());
        assertTrue(back.isOk());
        assertEquals(java.util.List.of("a", "b"), back.all(ReplyKey.CHANGE));
        assertEquals("two lines", back.first(ReplyKey.NOTE));
        assertNull(back.first(ReplyKey.REPORT), "a null value writes no line");
        Reply newer = Reply.parse("status=ok\nsomethingNew=1\nleaks=2\n");
        assertEquals("2", newer.first(ReplyKey.LEAKS), "a key this version does not know is skipped, not fatal");
        Reply error = Reply.parse(Reply.error("x=y failed").render());
        assertFalse(error.isOk());
        assertEquals("x=y failed", error.first(ReplyKey.MESSAGE));
    }
}
