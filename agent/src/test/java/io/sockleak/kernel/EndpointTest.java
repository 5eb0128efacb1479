package io.sockleak.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1:8080", "0.0.0.0:0", "255.255.255.255:65535", "10.0.0.1:22",
            "[::1]:8080", "[::]:0", "[fe80::1]:22", "[fd00::2]:37273", "[fe80::fc:ff:fe00:1]:37693",
            "[2001:db8::1]:443", "[2001:db8:0:1:1:1:1:1]:1", "[1::]:1", "[1:0:0:2::3]:1",
            "[2001:db8::1:0:0:1]:1", "[::102:304]:5", "[1:2:3:4:5:6:7:8]:9"})
    void toStringAndParseAreInverse(String text) {
        Endpoint endpoint = Endpoint.parse(text);
        assertEquals(text, endpoint.toString());
        assertEquals(endpoint, Endpoint.parse(endpoint.toString()));
    }

    @Test
    void formatsLikeTheJdkAfterCompression() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            for (int b = 0; b < 16; b++) {
                if (random.nextInt(3) == 0) {
                    bytes[b] = 0;
                }
            }
            InetAddress address = InetAddress.getByAddress(bytes);
            Endpoint endpoint = Endpoint.of(address, 1);
            assertEquals(address, endpoint.toInetAddress());
            assertEquals(endpoint, Endpoint.parse(endpoint.toString()));
            if (address instanceof Inet6Address) {
                String text = endpoint.toString();
                assertEquals(address, InetAddress.getByName(text.substring(1, text.lastIndexOf(']'))));
            }
        }
    }

    @Test
    void compressesTheFirstLongestZeroRunOnly() {
        assertEquals("[1:0:0:2::3]:1", Endpoint.parse("[1:0:0:2:0:0:0:3]:1").toString());
        assertEquals("[1::2:0:0:3:0]:1", Endpoint.parse("[1:0:0:2:0:0:3:0]:1").toString());
        assertEquals("[1:0:2:0:3:0:4:0]:1", Endpoint.parse("[1:0:2:0:3:0:4:0]:1").toString());
        assertEquals("[abcd::]:1", Endpoint.parse("[ABCD:0:0:0:0:0:0:0]:1").toString());
        assertEquals("[2001:db8::1]:1", Endpoint.parse("[2001:0db8:0000:0000:0000:0000:0000:0001]:1").toString());
    }

    @Test
    void v4MappedPrintsAndComparesAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        Endpoint fromV6 = Endpoint.of(Inet6Address.getByAddress(null, mapped, -1), 8080);
        Endpoint fromV4 = Endpoint.of(InetAddress.getByName("127.0.0.1"), 8080);

        assertEquals("127.0.0.1:8080", fromV6.toString());
        assertTrue(fromV6.sameAddress(fromV4));
        assertEquals(fromV4, fromV6);
        assertEquals(fromV4, Endpoint.parse("[::ffff:127.0.0.1]:8080"));
        assertTrue(fromV6.isIpv4());
        assertEquals(0x7F000001, fromV6.ipv4());
        assertInstanceOf(Inet4Address.class, fromV6.toInetAddress());
        assertEquals(InetAddress.getByName("127.0.0.1"), fromV6.toInetAddress());
    }

    @Test
    void sameAddressIgnoresPortsButNotFamilies() {
        assertTrue(Endpoint.parse("[::1]:1").sameAddress(Endpoint.parse("[::1]:2")));
        assertFalse(Endpoint.parse("[::1]:1").sameAddress(Endpoint.parse("127.0.0.1:1")));
        assertFalse(Endpoint.parse("[::]:1").sameAddress(Endpoint.parse("0.0.0.0:1")));
        assertFalse(Endpoint.parse("[::1]:1").sameAddress(null));
        assertFalse(Endpoint.parse("[::1.2.3.4]:1").sameAddress(Endpoint.parse("1.2.3.4:1")), "v4-compatible is not mapped");
    }

    @Test
    void wildcards() {
        assertTrue(Endpoint.parse("0.0.0.0:80").isWildcard());
        assertTrue(Endpoint.parse("[::]:80").isWildcard());
        assertTrue(Endpoint.parse("[::ffff:0.0.0.0]:80").isWildcard());
        assertFalse(Endpoint.parse("[::1]:80").isWildcard());
        assertFalse(Endpoint.parse("0.0.0.1:80").isWildcard());
        assertFalse(Endpoint.parse("[::1:0:0]:80").isWildcard());
    }

    @Test
    void ofInetAddressKeepsTheBitsAndDropsTheScope() throws Exception {
        Endpoint linkLocal = Endpoint.of(InetAddress.getByName("fe80::fc:ff:fe00:1%1"), 22);
        assertEquals("[fe80::fc:ff:fe00:1]:22", linkLocal.toString());
        assertEquals(22, linkLocal.port());
        assertEquals(InetAddress.getByName("fe80::fc:ff:fe00:1"), linkLocal.toInetAddress());
        assertEquals("[::]:0", Endpoint.of(InetAddress.getByName("::"), 0).toString());
        assertEquals("10.1.2.3:99", Endpoint.of(InetAddress.getByName("10.1.2.3"), 99).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "localhost:80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+1",
            "256.0.0.1:1", "1.2.3:1", "1.2.3.4.5:1", "01.2.3.4:1", "1..3.4:1", "::1:80", "[::1]", "[::1]:",
            "[::1]80", "[::1:80", "[]:1", "[:::]:1", "[1::2::3]:1", "[1:2:3:4:5:6:7:8:9]:1", "[1:2:3:4:5:6:7]:1",
            "[12345::]:1", "[fe80::1%eth0]:22", "[g::]:1", "[::1.2.3.4:5]:1", "[1.2.3.4::]:1", "[:1]:1",
            "[1:]:1", "[1:2:3:4:5:6:7:8::]:1", "[1:2:3:4:5:6:1.2.3.4:1]:1", "[127.0.0.1]:1", "[::1]:123456",
            "[1:2:3:4:5:6:7:1.2.3.4]:1", "[1::2:3:4:5:6:7:1.2.3.4]:1"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
    }

    @Test
    void rejectsNullAndBadPorts() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.ofIpv4(0, 65536));
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(0, 0, -1));
    }

    @Test
    void acceptsEmbeddedIpv4InFullForm() {
        assertEquals("[1:2:3:4:5:6:102:304]:1", Endpoint.parse("[1:2:3:4:5:6:1.2.3.4]:1").toString());
        assertEquals("1.2.3.4:1", Endpoint.parse("[0:0:0:0:0:ffff:1.2.3.4]:1").toString());
        assertEquals("[::102:304]:5", Endpoint.parse("[::1.2.3.4]:5").toString());
    }
}
