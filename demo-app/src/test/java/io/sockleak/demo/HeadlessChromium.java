package io.sockleak.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's real Chromium, headless, driven over the DevTools protocol with the JDK's own WebSocket client
 * (no Selenium, no Playwright download). {@link #open} loads a page and collects what a person would see in
 * the console: console.error calls, uncaught exceptions and the browser's own error log (a refused load or a
 * Content-Security-Policy violation lands there). {@link #evaluate} asks the page's DOM.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("sockleak.chromium", "/usr/bin/chromium"));
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Without Chromium the browser tests cannot run: on CI (env CI set, as .ci/run does, which installs it) that
     * is a failure; on a developer's machine the test is skipped, saying how to install it.
     */
    static void assumeInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String missing = BINARY + " is missing: the browser tests need Debian's chromium (apt-get install chromium)";
        if (System.getenv("CI") != null) {
            Assertions.fail(missing + "; CI must install it (.ci/run does)");
        }
        Assumptions.abort(missing + "; skipped outside CI");
    }

    static HeadlessChromium start(Path work) throws Exception {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        // The flags of a closed machine: no background traffic (refused connections would flood the log).
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(work.resolve("chromium.out").toFile())
                .redirectError(work.resolve("chromium.err").toFile())
                .start();
        try {
            int port = debuggingPort(profile, process, work);
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (pageSocket == null && System.nanoTime() < deadline) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(list)) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            Assertions.assertNotNull(pageSocket, "Chromium opened no page target");
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), new Listener(message -> self[0].receive(message)))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            return self[0];
        } catch (Exception | Error e) {
            stop(process);
            throw e;
        }
    }

    /** Chromium writes the port it chose (and the browser's path) into DevToolsActivePort in its profile. */
    private static int debuggingPort(Path profile, Process process, Path work) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).strip());
                }
            }
            if (!process.isAlive()) {
                Assertions.fail("chromium exited (" + process.exitValue() + "): "
                        + Files.readString(work.resolve("chromium.err")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium wrote no DevToolsActivePort within " + WAIT);
    }

    /** Loads {@code page} (console and errors recorded from before the load) and waits for its load event. */
    void open(Path page) throws Exception {
        synchronized (events) {
            events.clear();
        }
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
        ObjectNode params = JSON.createObjectNode().put("url", page.toUri().toString());
        JsonNode navigated = call("Page.navigate", params);
        Assertions.assertFalse(navigated.has("errorText"), "navigation failed: " + navigated);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            Assertions.assertTrue(System.nanoTime() < deadline, page + " did not finish loading");
            Thread.sleep(50);
        }
        evaluate("new Promise(r => requestAnimationFrame(() => r(true)))"); // one frame: late errors arrive
    }

    /** What the console would show in red: console.error/assert, uncaught exceptions, the browser's error log. */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        synchronized (events) {
            for (JsonNode event : events) {
                String method = event.path("method").asText();
                JsonNode params = event.path("params");
                if (method.equals("Runtime.exceptionThrown")) {
                    errors.add("exception: " + params.path("exceptionDetails"));
                } else if (method.equals("Runtime.consoleAPICalled")
                        && List.of("error", "assert").contains(params.path("type").asText())) {
                    errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
                } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
        }
        return errors;
    }

    /** The value of a JavaScript expression in the page (awaited when it is a promise). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        Assertions.assertFalse(result.has("exceptionDetails"), expression + " threw: " + result);
        return result.path("result").path("value");
    }

    /** The page as a PNG, {@code width} CSS pixels wide and as tall as its content. */
    byte[] screenshot(int width) throws Exception {
        int height = evaluate("document.documentElement.scrollHeight").asInt();
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Assertions.assertFalse(answer.has("error"), method + ": " + answer.path("error"));
        return answer.path("result");
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("DevTools sent no JSON: " + text, e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
    }

    /** Ends the Chromium this test started: its own child processes (renderer, zygote) first, by handle. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins a message's fragments (DevTools replies can be large) and hands each whole message on. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage.accept(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
