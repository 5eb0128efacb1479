package io.sockleak.e2e.safety;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A /proc/net/tcp of a crowded host: {@code rows} rows of other processes, in the kernel's order
 * (listeners first): a LISTEN row per 100 rows, then CLOSE_WAIT sockets (a neighbour that leaks), and
 * inode-0 rows (a SYN flood, connections waiting in queues) on the neighbours' ports and on ports no
 * listener has. The inodes start at {@code firstInode}, far from any this machine hands out.
 */
final class ForeignRows {

    private ForeignRows() {
    }

    static void write(Path file, int rows, long firstInode) throws IOException {
        int listeners = Math.max(1, rows / 100);
        int closeWait = (rows - listeners) / 2;
        int orphans = rows - listeners - closeWait;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
            int sl = 0;
            long inode = firstInode;
            for (int i = 0; i < listeners; i++) {
                row(out, sl++, 0x0100007F, 20000 + i, 0, 0, 0x0A, 1000, inode++);
            }
            for (int i = 0; i < closeWait; i++) {
                row(out, sl++, 0x0100007F, 20000 + i % listeners, 0x0200007F, 1024 + i % 60000, 0x08, 1000, inode++);
            }
            for (int i = 0; i < orphans; i++) {
                // SYN_RECV on a neighbour's listener, or on a port nobody listens on
                int port = i % 2 == 0 ? 20000 + i % listeners : 40000 + i % 20000;
                row(out, sl++, 0x0100007F, port, 0x0300007F, 1024 + i % 60000, 0x03, 0, 0);
            }
        }
    }

    private static void row(BufferedWriter out, int sl, int localIp, int localPort, int remoteIp, int remotePort,
                            int state, int uid, long inode) throws IOException {
        out.write(String.format(Locale.ROOT,
                "%4d: %08X:%04X %08X:%04X %02X 00000000:00000000 00:00000000 00000000 %5d        0 %d 1"
                        + " 0000000000000000 100 0 0 10 0\n",
                sl, localIp, localPort, remoteIp, remotePort, state, uid, inode));
    }
}
