package io.sockleak.e2e.ports;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port-probing loop: {@code N} ports are taken by listeners of this process, then the loop tries
 * each of them in turn, as a server looking for a free port does. Prints how many binds failed and
 * how long the loop took, then keeps its listeners for the milliseconds of the second argument.
 */
public final class BindProbeLoop {

    private BindProbeLoop() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = Integer.parseInt(args[0]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<ServerSocket> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(new ServerSocket(0, 50, loopback));
        }
        int failed = 0;
        long start = System.nanoTime();
        for (ServerSocket holder : taken) {
            try (ServerSocket probe = new ServerSocket(holder.getLocalPort(), 50, loopback)) {
                System.out.println("unexpectedly bound " + probe.getLocalPort());
            } catch (BindException inUse) {
                failed++;
            }
        }
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println("FAILED " + failed);
        System.out.println("LOOP-MICROS " + micros);
        // A server that found its port runs on: the listeners stay while the agent explains.
        Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "0"));
        for (ServerSocket s : taken) {
            s.close();
        }
    }
}
