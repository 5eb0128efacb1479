package io.sockleak.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TcpStateTest {

    @Test
    void mapsTheKernelCodes() {
        assertEquals(TcpState.ESTABLISHED, TcpState.ofCode(0x01));
        assertEquals(TcpState.TIME_WAIT, TcpState.ofCode(0x06));
        assertEquals(TcpState.CLOSE_WAIT, TcpState.ofCode(0x08));
        assertEquals(TcpState.LISTEN, TcpState.ofCode(0x0A));
        assertEquals(TcpState.CLOSING, TcpState.ofCode(0x0B));
        assertEquals(TcpState.NEW_SYN_RECV, TcpState.ofCode(0x0C));
        for (int code = 1; code <= 12; code++) {
            assertEquals(code, TcpState.ofCode(code).code());
        }
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(TcpState.UNKNOWN, TcpState.ofCode(0));
        assertEquals(TcpState.UNKNOWN, TcpState.ofCode(0x0D));
        assertEquals(TcpState.UNKNOWN, TcpState.ofCode(-1));
        assertEquals(TcpState.UNKNOWN, TcpState.ofCode(Integer.MAX_VALUE));
    }
}
