package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through its DevTools protocol over a WebSocket (Java's own client):
 * opens a page, records every network request, console message, uncaught exception, log entry
 * (CSP violations land there) and dialog, evaluates expressions and takes screenshots. Nothing is
 * fetched from anywhere: the browser runs with a throwaway profile and no network services.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "chrome");

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Every event the page's session reported, in order. */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private String session;

    private Chromium(Process process, String url) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** The browser on PATH ({@code TRAILSIFT_CHROMIUM} names another), if any. */
    static Optional<Path> find() {
        String named = System.getenv("TRAILSIFT_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(java.io.File.pathSeparator)).flatMap(dir -> NAMES.stream().map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    static Chromium start(Path binary, Path profile) throws Exception {
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return new Chromium(p, m.group(1));
            }
        }
        p.destroyForcibly();
        throw new IOException("chromium exited without opening its DevTools port");
    }

    /** Opens a fresh tab on {@code url}, with every domain that reports what the page does enabled. */
    void open(String url) throws Exception {
        events.clear();
        String target = call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .get("targetId").asText();
        session = call(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
            call(session, domain + ".enable", JSON.createObjectNode());
        }
        call(session, "Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int dialogs = 0;
        while (events.stream().noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            // a dialog blocks the page until answered: dismiss it, the test sees the event
            for (; dialogs < events("Page.javascriptDialogOpening").size(); dialogs++) {
                call(session, "Page.handleJavaScriptDialog", JSON.createObjectNode().put("accept", false));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the page did not load within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** The events of {@code method} the page reported so far. */
    List<JsonNode> events(String method) {
        return events.stream().filter(e -> e.path("method").asText().equals(method)).toList();
    }

    /** The URLs the page asked for, apart from the page itself. */
    List<String> requestsBesides(String page) {
        return events("Network.requestWillBeSent").stream().map(e -> e.path("params").path("request").path("url").asText())
                .filter(u -> !u.equals(page)).toList();
    }

    /** Console errors, uncaught exceptions and error log entries (a CSP violation is one). */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        events("Runtime.consoleAPICalled").stream().filter(e -> e.path("params").path("type").asText().equals("error"))
                .forEach(e -> out.add(e.toString()));
        events("Runtime.exceptionThrown").forEach(e -> out.add(e.toString()));
        events("Log.entryAdded").stream().filter(e -> e.path("params").path("entry").path("level").asText().equals("error"))
                .forEach(e -> out.add(e.toString()));
        return out;
    }

    /** The value of a JavaScript expression in the page (numbers, strings, booleans, JSON-able values). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call(session, "Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    void screenshot(Path png) throws Exception {
        JsonNode r = call(session, "Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(msg.toString(), true).get(30, TimeUnit.SECONDS);
        JsonNode r = reply.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IOException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes away below either way
        }
        // the browser's helper processes too: they would go on writing its profile
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    if (msg.has("id")) {
                        Optional.ofNullable(pending.remove(msg.get("id").asInt())).ifPresent(f -> f.complete(msg));
                    } else {
                        events.add(msg);
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "test.unreadable").put("text", e.getMessage()));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
