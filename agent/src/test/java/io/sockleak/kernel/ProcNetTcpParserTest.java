package io.sockleak.kernel;

import static io.sockleak.kernel.ProcResources.bytes;
import static io.sockleak.kernel.ProcResources.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against rows captured from this kind of machine; see src/test/resources/proc/README.md. */
class ProcNetTcpParserTest {

    @BeforeAll
    static void capturedOnLittleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "captures come from an x86-64 host");
    }

    @Test
    void decodesDualStackTcp6WithV4MappedLoopback() {
        List<TcpRow> rows = ProcNetTcpParser.parse(bytes("tcp6-dualstack.txt"), true);

        assertEquals(List.of(
                "[::]:35333 [::]:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=65534 inode=5245 v6",
                "127.0.0.1:34559 [::]:0 LISTEN tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=5246 v6",
                "127.0.0.1:34559 127.0.0.1:56182 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=5252 v6",
                "127.0.0.1:56168 127.0.0.1:34559 ESTABLISHED tx=0 rx=300 tr=0 ticks=0 uid=65534 inode=5247 v6",
                "127.0.0.1:56182 127.0.0.1:34559 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5891 uid=0 inode=0 v6",
                "127.0.0.1:56188 127.0.0.1:34559 TIME_WAIT tx=0 rx=0 tr=3 ticks=5901 uid=0 inode=0 v6",
                "127.0.0.1:56190 127.0.0.1:34559 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5901 uid=0 inode=0 v6",
                "127.0.0.1:56194 127.0.0.1:34559 ESTABLISHED tx=4163072 rx=0 tr=4 ticks=76 uid=65534 inode=5256 v6",
                "127.0.0.1:34559 127.0.0.1:56168 ESTABLISHED tx=0 rx=7 tr=0 ticks=0 uid=65534 inode=5248 v6",
                "127.0.0.1:34559 127.0.0.1:56194 ESTABLISHED tx=0 rx=128512 tr=0 ticks=0 uid=65534 inode=0 v6",
                "127.0.0.1:34559 127.0.0.1:56190 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=5257 v6"),
                rows.stream().map(ProcResources::describe).collect(Collectors.toList()));

        // c5 wrote 4291584 bytes: what its peer has not read sits in the two queues
        assertEquals(4_291_584L, rows.get(7).txQueue() + rows.get(9).rxQueue());
        TcpRow listener = rows.get(1);
        assertTrue(listener.local().isIpv4());
        assertEquals(Endpoint.parse("127.0.0.1:34559"), listener.local());
        assertTrue(listener.remote().isWildcard());
        assertFalse(listener.remote().isIpv4());
        assertTrue(rows.get(0).local().isWildcard());
    }

    @Test
    void decodesIpv4Table() {
        List<TcpRow> rows = ProcNetTcpParser.parse(bytes("tcp-ipv4stack.txt"), false);

        assertEquals(List.of(
                "0.0.0.0:2024 0.0.0.0:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=0 inode=1594 v4",
                "127.0.0.1:33235 0.0.0.0:0 LISTEN tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6241 v4",
                "0.0.0.0:44869 0.0.0.0:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=65534 inode=6240 v4",
                "127.0.0.1:38244 127.0.0.1:33235 ESTABLISHED tx=0 rx=300 tr=0 ticks=0 uid=65534 inode=6242 v4",
                "127.0.0.1:38258 127.0.0.1:33235 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5891 uid=0 inode=0 v4",
                "127.0.0.1:38266 127.0.0.1:33235 TIME_WAIT tx=0 rx=0 tr=3 ticks=5901 uid=0 inode=0 v4",
                "127.0.0.1:38280 127.0.0.1:33235 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5902 uid=0 inode=0 v4",
                "127.0.0.1:38284 127.0.0.1:33235 ESTABLISHED tx=4163072 rx=0 tr=4 ticks=77 uid=65534 inode=6251 v4",
                "127.0.0.1:33235 127.0.0.1:38258 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6247 v4",
                "127.0.0.1:33235 127.0.0.1:38280 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6252 v4",
                "127.0.0.1:33235 127.0.0.1:38284 ESTABLISHED tx=0 rx=128512 tr=0 ticks=0 uid=65534 inode=0 v4",
                "127.0.0.1:33235 127.0.0.1:38244 ESTABLISHED tx=0 rx=7 tr=0 ticks=0 uid=65534 inode=6243 v4"),
                rows.stream().map(ProcResources::describe).collect(Collectors.toList()));

        Endpoint fromTcp = rows.get(1).local();
        Endpoint fromTcp6 = ProcNetTcpParser.parse(bytes("tcp6-dualstack.txt"), true).get(1).local();
        assertTrue(fromTcp.sameAddress(fromTcp6), "127.0.0.1 and ::ffff:127.0.0.1");
        assertTrue(rows.get(0).local().isWildcard());
    }

    @Test
    void decodesIpv6OnlyTable() {
        List<TcpRow> rows = ProcNetTcpParser.parse(bytes("tcp6-ipv6only.txt"), true);

        assertEquals(List.of(
                "[fe80::fc:ff:fe00:1]:37693 [::]:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=65534 inode=6315 v6",
                "[fd00::2]:37273 [::]:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=65534 inode=6312 v6",
                "[::]:46639 [::]:0 LISTEN tx=0 rx=0 tr=0 ticks=0 uid=65534 inode=6311 v6",
                "[::1]:45371 [::]:0 LISTEN tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6316 v6",
                "[::1]:45371 [::1]:41648 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6327 v6",
                "[::1]:45371 [::1]:41638 CLOSE_WAIT tx=0 rx=1 tr=0 ticks=0 uid=65534 inode=6322 v6",
                "[::1]:45371 [::1]:41628 ESTABLISHED tx=0 rx=7 tr=0 ticks=0 uid=65534 inode=6318 v6",
                "[::1]:45371 [::1]:41660 ESTABLISHED tx=0 rx=128512 tr=0 ticks=0 uid=65534 inode=0 v6",
                "[::1]:41628 [::1]:45371 ESTABLISHED tx=0 rx=300 tr=0 ticks=0 uid=65534 inode=6317 v6",
                "[::1]:41638 [::1]:45371 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5892 uid=0 inode=0 v6",
                "[::1]:41642 [::1]:45371 TIME_WAIT tx=0 rx=0 tr=3 ticks=5901 uid=0 inode=0 v6",
                "[::1]:41648 [::1]:45371 FIN_WAIT2 tx=0 rx=0 tr=3 ticks=5902 uid=0 inode=0 v6",
                "[::1]:41660 [::1]:45371 ESTABLISHED tx=4163072 rx=0 tr=4 ticks=75 uid=65534 inode=6326 v6"),
                rows.stream().map(ProcResources::describe).collect(Collectors.toList()));

        assertFalse(rows.get(3).local().isIpv4());
        assertFalse(rows.get(2).local().sameAddress(Endpoint.parse("0.0.0.0:0")), ":: is not 0.0.0.0");
    }

    @Test
    void everyCutOfTheFileYieldsOnlyWholeRows() {
        for (String name : List.of("tcp6-dualstack.txt", "tcp-ipv4stack.txt", "tcp6-ipv6only.txt")) {
            byte[] content = bytes(name);
            boolean ipv6 = name.startsWith("tcp6");
            List<String> full = describeAll(ProcNetTcpParser.parse(content, ipv6));
            for (int length = 0; length <= content.length; length++) {
                List<String> cut = describeAll(ProcNetTcpParser.parse(Arrays.copyOf(content, length), ipv6));
                assertEquals(full.subList(0, cut.size()), cut, name + " cut at " + length);
                assertEquals(cut, describeAll(ProcNetTcpParser.parse(content, length, ipv6)));
            }
        }
    }

    @Test
    void aLastLineCutInsideTheInodeIsDroppedButOneCutAfterItIsKept() {
        String content = new String(bytes("tcp6-dualstack.txt"), StandardCharsets.US_ASCII);
        int lastRow = content.lastIndexOf("  14: ");
        int inodeAt = content.indexOf(" 5257 ", lastRow) + 1;

        List<TcpRow> cutInInode = parse(content.substring(0, inodeAt + 3), true);
        assertEquals(10, cutInInode.size(), "'525' must not be taken for inode 525");

        List<TcpRow> cutAfterInode = parse(content.substring(0, inodeAt + 5), true);
        assertEquals(11, cutAfterInode.size());
        assertEquals(5257, cutAfterInode.get(10).inode());

        assertEquals(11, parse(content.substring(0, content.length() - 1), true).size(), "no final newline");
    }

    @Test
    void skipsMalformedLinesAndKeepsTheRest() {
        String content = new String(bytes("tcp-ipv4stack.txt"), StandardCharsets.US_ASCII);
        String[] lines = content.split("\n");
        String mangled = String.join("\n",
                lines[0],
                lines[1],
                "",
                "garbage without structure",
                lines[2].replace("0100007F:81D3", "0100007G:81D3"),
                lines[3].replace(" 0A ", " 0A0 "),
                lines[4].substring(0, 40),
                "\u0000\u00ff\t\r",
                lines[5].replace("03:00001703", "03:"),
                lines[6]) + "\n";

        List<String> rows = describeAll(parse(mangled, false));

        List<String> all = describeAll(ProcNetTcpParser.parse(bytes("tcp-ipv4stack.txt"), false));
        assertEquals(List.of(all.get(0), all.get(5)), rows);
    }

    @Test
    void unknownStateCodesAreKeptAsUnknown() {
        String line = new String(bytes("tcp-ipv4stack.txt"), StandardCharsets.US_ASCII).split("\n")[1];
        List<TcpRow> rows = parse(line.replace(" 0A ", " 1F ") + "\n", false);
        assertEquals(1, rows.size());
        assertEquals(TcpState.UNKNOWN, rows.get(0).state());
    }

    @Test
    void rejectsTheOtherFamilysLayout() {
        assertEquals(List.of(), ProcNetTcpParser.parse(bytes("tcp6-dualstack.txt"), false));
        assertEquals(List.of(), ProcNetTcpParser.parse(bytes("tcp-ipv4stack.txt"), true));
    }

    @Test
    void emptyAndNullInput() {
        assertEquals(List.of(), ProcNetTcpParser.parse(null, true));
        assertEquals(List.of(), ProcNetTcpParser.parse(new byte[0], false));
        assertEquals(List.of(), ProcNetTcpParser.parse(bytes("tcp-ipv4stack.txt"), 0, false));
        assertEquals(List.of(), ProcNetTcpParser.parse(bytes("tcp-ipv4stack.txt"), -5, false));
        byte[] content = bytes("tcp-ipv4stack.txt");
        assertEquals(12, ProcNetTcpParser.parse(content, content.length + 100, false).size());
    }

    @Test
    void neverThrowsOnMutatedRealContent() {
        byte[] original = bytes("tcp6-dualstack.txt");
        byte[] alphabet = "0123456789ABCDEF: \n\u0000x".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            byte[] mutated = original.clone();
            int changes = 1 + random.nextInt(20);
            for (int i = 0; i < changes; i++) {
                mutated[random.nextInt(mutated.length)] = random.nextBoolean()
                        ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) random.nextInt(256);
            }
            List<TcpRow> rows = ProcNetTcpParser.parse(mutated, random.nextInt(mutated.length + 1), true);
            assertTrue(rows.size() <= 11);
        }
        byte[] noise = new byte[1 << 16];
        random.nextBytes(noise);
        ProcNetTcpParser.parse(noise, true);
        ProcNetTcpParser.parse(noise, false);
    }

    @Test
    void rowsAreParsedFromARepeatedLargeTable() {
        byte[] content = bytes("tcp6-dualstack.txt");
        int headerEnd = indexOf(content, (byte) '\n') + 1;
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.write(content, 0, headerEnd);
        for (int i = 0; i < 5000; i++) {
            big.write(content, headerEnd, content.length - headerEnd);
        }
        assertEquals(55_000, ProcNetTcpParser.parse(big.toByteArray(), true).size());
    }

    /** The state read ahead (before the addresses) drops what the full parse would drop, on both layouts. */
    @Test
    void aStateFilterDropsTimeWaitRowsBeforeTheirAddressesAndKeepsEveryOtherRowTheSame() {
        RowFilter noTimeWait = RowFilter.ALL_BUT_TIME_WAIT;
        for (String file : List.of("tcp6-dualstack.txt", "tcp-ipv4stack.txt")) {
            boolean ipv6 = file.startsWith("tcp6");
            byte[] content = bytes(file);
            List<String> all = describeAll(ProcNetTcpParser.parse(content, ipv6));
            List<TcpRow> kept = new java.util.ArrayList<>();
            ProcNetTcpParser.parseInto(content, content.length, ipv6, noTimeWait, kept);
            assertEquals(all.stream().filter(r -> !r.contains(" TIME_WAIT ")).collect(Collectors.toList()),
                    describeAll(kept), file);
            assertTrue(all.size() > kept.size(), file + " has a TIME_WAIT row to drop");
        }
    }

    private static List<TcpRow> parse(String content, boolean ipv6) {
        return ProcNetTcpParser.parse(content.getBytes(StandardCharsets.ISO_8859_1), ipv6);
    }

    private static List<String> describeAll(List<TcpRow> rows) {
        return rows.stream().map(ProcResources::describe).collect(Collectors.toList());
    }

    private static int indexOf(byte[] content, byte b) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
