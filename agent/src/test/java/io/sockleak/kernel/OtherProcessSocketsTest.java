package io.sockleak.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OtherProcessSocketsTest {

    private static final String CHILD = String.join("\n",
            "import java.net.*;",
            "public class Listen {",
            "  public static void main(String[] a) throws Exception {",
            "    ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(\"127.0.0.1\"));",
            "    System.out.println(s.getLocalPort());",
            "    System.out.flush();",
            "    System.in.read();",
            "  }",
            "}");

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsTheChildProcessHoldingAListener() throws Exception {
        Path source = Files.writeString(dir.resolve("Listen.java"), CHILD);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), source.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());

            KernelSnapshot snapshot = new PortView(Path.of("/proc")).read(port);
            TcpRow listen = snapshot.rows().stream()
                    .filter(r -> r.state() == TcpState.LISTEN).findFirst().orElseThrow();
            assertFalse(snapshot.socketInodeByFd().containsValue(listen.inode()), "not ours");

            assertEquals(OptionalLong.of(child.pid()), OtherProcessSockets.pidOwningInode(Path.of("/proc"), listen.inode()));
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsThisProcess() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            KernelSnapshot snapshot = new KernelView(Path.of("/proc")).snapshot();
            long inode = snapshot.rowsOnPort(listener.getLocalPort()).get(0).inode();
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), OtherProcessSockets.pidOwningInode(Path.of("/proc"), inode));
        }
    }

    @Test
    void scansOnlyNumericDirectoriesAndSkipsThoseWithoutFds() throws IOException {
        link("self/fd/3", "socket:[77]");
        link("100/fd/3", "socket:[76]");
        link("100/fd/4", "pipe:[76]");
        Files.createDirectories(dir.resolve("200"));
        Files.createDirectories(dir.resolve("250/fd/9"));
        link("300/fd/5", "socket:[77]");

        assertEquals(OptionalLong.of(300), OtherProcessSockets.pidOwningInode(dir, 77));
        assertEquals(OptionalLong.of(100), OtherProcessSockets.pidOwningInode(dir, 76));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(dir, 7));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(dir, 0));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(dir.resolve("missing"), 77));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(null, 77));
    }

    @Test
    void givesUpWhenOverBudget() throws IOException {
        link("300/fd/5", "socket:[77]");

        assertEquals(OptionalLong.of(300), OtherProcessSockets.pidOwningInode(dir, 77, 1_000_000_000L, 1));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(dir, 77, 1_000_000_000L, 0));
        assertEquals(OptionalLong.empty(), OtherProcessSockets.pidOwningInode(dir, 77, -1, 1000));
    }

    private void link(String at, String target) throws IOException {
        Path link = dir.resolve(at);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }
}
