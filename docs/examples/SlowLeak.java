import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Leaks a client socket every half second from two lines; the server closes its end at once. Arg: rounds. */
public class SlowLeak {

    public static void main(String[] args) throws Exception {
        List<Socket> kept = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread closer = new Thread(() -> {
                while (true) {
                    try (Socket accepted = server.accept()) {
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            for (int i = 0; i < (args.length > 0 ? Integer.parseInt(args[0]) : 12); i++) { // rounds of 0.5 s
                kept.add(new Socket("127.0.0.1", server.getLocalPort()));
                Thread.sleep(250);
                if (i % 2 == 0) {
                    kept.add(new Socket("127.0.0.1", server.getLocalPort()));
                }
                Thread.sleep(250);
            }
        }
        System.out.println("kept " + kept.size() + " sockets");
    }
}
