package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/** Reads /proc/net/tcp and tcp6 under a proc root: the rows a filter keeps, and what could not be read. */
final class TcpTables {

    private TcpTables() {
    }

    /** Adds the kept rows (IPv4 table first) to {@code into}; false when neither table could be read. */
    static boolean read(ProcFileReader reader, Path procRoot, RowFilter filter, List<TcpRow> into,
                        StringJoiner problems) {
        boolean tcp = read(reader, procRoot.resolve("net/tcp"), false, filter, into, problems);
        boolean tcp6 = read(reader, procRoot.resolve("net/tcp6"), true, filter, into, problems);
        return tcp || tcp6;
    }

    private static boolean read(ProcFileReader reader, Path file, boolean ipv6, RowFilter filter, List<TcpRow> into,
                                StringJoiner problems) {
        try {
            reader.readLines(file, (content, length) -> ProcNetTcpParser.parseInto(content, length, ipv6, filter, into));
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(file + " not readable: " + e.getClass().getSimpleName());
            return false;
        }
    }
}
