package io.sockleak.cli.attach;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the CLI reads from a target over JMX: real serialized streams through the filter. */
class JdkClassesOnlyTest {

    /** Stands for any class on the CLI's class path a hostile target could send (a gadget's first link). */
    record NotJdk(String text) implements Serializable {
    }

    @Test
    void theJdksOwnClassesPass() throws Exception {
        Map<String, Object> map = new HashMap<>(Map.of("status", "ok", "counts", new ArrayList<>(List.of(1L, 2L))));
        assertEquals(map, read(write(map), JdkClassesOnly.standalone()));
        assertEquals("status=ok\n", read(write("status=ok\n"), JdkClassesOnly.standalone()));
    }

    @Test
    void anyOtherClassIsRefusedAndNamed() throws Exception {
        JdkClassesOnly filter = JdkClassesOnly.standalone();
        byte[] hidden = write(new ArrayList<>(List.of("harmless", new NotJdk("payload"))));
        assertThrows(InvalidClassException.class, () -> read(hidden, filter));
        assertEquals(NotJdk.class.getName(), filter.refused());
        JdkClassesOnly arrays = JdkClassesOnly.standalone();
        assertThrows(InvalidClassException.class, () -> read(write(new NotJdk[] {new NotJdk("x")}), arrays));
        assertEquals(NotJdk[].class.getName(), arrays.refused());
    }

    @Test
    void streamsOverTheLimitsAreRefused() throws Exception {
        JdkClassesOnly filter = JdkClassesOnly.standalone();
        byte[] big = write(new byte[(int) JdkClassesOnly.MAX_ARRAY + 1]);
        assertThrows(InvalidClassException.class, () -> read(big, filter));
        assertTrue(filter.refused().contains("over the limits"), filter.refused());
        Object deep = "end";
        for (int i = 0; i < JdkClassesOnly.MAX_DEPTH + 5; i++) {
            deep = List.of(deep);
        }
        byte[] nested = write(new ArrayList<>(List.of(deep)));
        assertThrows(InvalidClassException.class, () -> read(nested, JdkClassesOnly.standalone()));
    }

    private static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, JdkClassesOnly filter) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
