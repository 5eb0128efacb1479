package io.sockleak.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The port-filtered read gives exactly the rows a full parse has on that port. */
class PortViewTest {

    @TempDir
    Path tmp;

    @Test
    void filtersTheCapturedTablesToThePort() throws IOException {
        Path root = ProcCapture.fakeProcRoot(tmp.resolve("proc"));
        KernelSnapshot full = ProcCapture.dualStack();
        for (int port : new int[] {34559, 56188, 35333, 1}) {
            KernelSnapshot view = new PortView(root).read(port);
            assertTrue(view.available(), view.reason());
            assertEquals(full.rowsOnPort(port), view.rows(), "port " + port);
        }
        KernelSnapshot listener = new PortView(root).read(34559);
        assertEquals(ProcCapture.socketInodeByFd("fd-dualstack.txt"), listener.socketInodeByFd());
        // TIME_WAIT rows have no inode: the fd listing is not needed
        assertEquals(0, new PortView(root).read(56188).socketInodeByFd().size());
    }

    @Test
    void ipv4LinesWithTrailingSpacesAndLinesAcrossChunks() throws IOException {
        byte[] ipv4 = ProcResources.bytes("tcp-ipv4stack.txt");
        String text = new String(ipv4, java.nio.charset.StandardCharsets.US_ASCII);
        String header = text.substring(0, text.indexOf('\n') + 1);
        String body = text.substring(text.indexOf('\n') + 1);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int copies = 700; // about 1 MB: many 64 KiB chunk boundaries fall inside lines
        for (int i = 0; i < copies; i++) {
            big.writeBytes(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path root = Files.createDirectories(tmp.resolve("proc"));
        Files.createDirectories(root.resolve("self/fd"));
        Path file = Files.createDirectories(root.resolve("net")).resolve("tcp");
        Files.write(file, big.toByteArray());
        assertTrue(Files.size(file) > 10 * 64 * 1024);

        List<TcpRow> all = ProcNetTcpParser.parse(ipv4, false);
        long perCopy = all.stream().filter(r -> r.local().port() == 33235).count();
        List<TcpRow> onPort = new PortView(root).read(33235).rows();
        assertEquals(perCopy * copies, onPort.size());
        assertTrue(onPort.stream().allMatch(r -> r.local().port() == 33235));
    }

    @Test
    void onlyTheLocalPortCounts() {
        byte[] line = "   9: 0100007F:957A 0100007F:81D3 06 00000000:00000000 03:0000170D 00000000     0 0 0 3\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(1, onPort(line, 0x957A).size());
        assertEquals(List.of(), onPort(line, 0x81D3), "that is the remote port");
        byte[] header = "  sl  local_address rem_address   st tx_queue\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(List.of(), onPort(header, 0x957A));
    }

    private static List<TcpRow> onPort(byte[] content, int port) {
        List<TcpRow> rows = new java.util.ArrayList<>();
        ProcNetTcpParser.parseInto(content, content.length, false, RowFilter.onLocalPort(port), rows);
        return rows;
    }

    @Test
    void noProcIsUnavailableNotAnError() {
        KernelSnapshot none = new PortView(tmp.resolve("absent")).read(80);
        assertFalse(none.available());
        assertTrue(none.reason().contains("not readable"), none.reason());
    }
}
