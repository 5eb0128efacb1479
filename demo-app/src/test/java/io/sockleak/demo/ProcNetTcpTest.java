package io.sockleak.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTcpTest {

    @Test
    void parsesTcp6RowsIncludingTheShortTimeWaitFormat() {
        List<ProcNetTcp.Row> rows = ProcNetTcp.parse(List.of(
                "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0000000000000000FFFF00000100007F:C63F 0000000000000000FFFF00000100007F:9CE0 06 00000000:00000000 03:0000176A 00000000     0        0 0 3 00000000e802c790",
                "   1: 0000000000000000FFFF00000100007F:88FD 0000000000000000FFFF00000100007F:E838 08 00000000:00000006 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 0 10 -1",
                "   2: 0000000000000000FFFF00000100007F:88FD 00000000000000000000000000000000:0000 0A 00000000:00000004 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0"));
        assertEquals(3, rows.size());

        ProcNetTcp.Row tw = rows.get(0);
        assertEquals("127.0.0.1", tw.localAddress().getHostAddress()); // ::ffff:127.0.0.1 reads as IPv4
        assertEquals(0xC63F, tw.localPort());
        assertEquals(0x9CE0, tw.remotePort());
        assertEquals(ProcNetTcp.TIME_WAIT, tw.state());
        assertEquals("TIME_WAIT", tw.stateName());
        assertEquals(0, tw.inode());

        ProcNetTcp.Row unaccepted = rows.get(1);
        assertEquals(ProcNetTcp.CLOSE_WAIT, unaccepted.state());
        assertEquals(6, unaccepted.rxQueue());
        assertEquals(0, unaccepted.inode());

        ProcNetTcp.Row listen = rows.get(2);
        assertEquals(ProcNetTcp.LISTEN, listen.state());
        assertEquals(4, listen.rxQueue()); // accept-queue length
        assertEquals(123456, listen.inode());
        assertEquals("::", listen.remoteAddress().getHostAddress().replaceAll("0:0:0:0:0:0:0:0", "::"));
    }

    @Test
    void parsesTcpRows() {
        List<ProcNetTcp.Row> rows = ProcNetTcp.parse(List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 0200000A:D4C0 01 0000000A:00000000 00:00000000 00000000  1000        0 98765 1 0000000000000000 20 4 30 10 -1"));
        assertEquals(1, rows.size());
        ProcNetTcp.Row r = rows.get(0);
        assertEquals("127.0.0.1", r.localAddress().getHostAddress());
        assertEquals(8080, r.localPort());
        assertEquals("10.0.0.2", r.remoteAddress().getHostAddress());
        assertEquals(54464, r.remotePort());
        assertEquals("ESTABLISHED", r.stateName());
        assertEquals(10, r.txQueue());
        assertEquals(98765, r.inode());
    }
}
