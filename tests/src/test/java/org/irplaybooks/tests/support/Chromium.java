package org.irplaybooks.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's package, installed by {@code scripts/ensure-chromium.sh}) driven over
 * the Chrome DevTools protocol with the JDK's own HTTP and WebSocket clients: no driver binary and
 * no extra dependency. One page, a fresh profile directory, debugging bound to 127.0.0.1 only.
 */
public final class Chromium implements AutoCloseable {
  public static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile in {@code profileDir} (which must be empty or absent). */
  public static Chromium start(Path profileDir) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: run scripts/ensure-chromium.sh (apt-get install chromium)");
    }
    Files.createDirectories(profileDir);
    List<String> command = new ArrayList<>(List.of(BINARY.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--user-data-dir=" + profileDir.toAbsolutePath(),
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--window-size=1400,1000", "about:blank"));
    Path log = profileDir.resolveSibling(profileDir.getFileName() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int port = debuggingPort(profileDir.resolve("DevToolsActivePort"), process, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      String pageSocket = null;
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) pageSocket = t.path("webSocketDebuggerUrl").asText();
      }
      if (pageSocket == null) throw new IllegalStateException("Chromium shows no page target: " + targets);
      Chromium[] self = new Chromium[1];
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(pageSocket), new Listener(message -> self[0].dispatch(message)))
          .get(10, TimeUnit.SECONDS);
      self[0] = new Chromium(process, socket);
      self[0].call("Page.enable", JSON.createObjectNode());
      self[0].call("Runtime.enable", JSON.createObjectNode());
      return self[0];
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static int debuggingPort(Path file, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("Chromium exited: " + Files.readString(log));
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) return Integer.parseInt(lines.get(0).trim());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("Chromium wrote no DevToolsActivePort within 30 s; log: " + Files.readString(log));
  }

  /** Loads the URL and waits until the document has loaded. */
  public void navigate(String url) {
    ObjectNode params = JSON.createObjectNode().put("url", url);
    JsonNode answer = call("Page.navigate", params);
    if (answer.hasNonNull("errorText")) throw new IllegalStateException("navigation to " + url + " failed: " + answer);
    waitFor("document loaded", "document.readyState === 'complete'", Duration.ofSeconds(30));
  }

  /** Evaluates a JavaScript expression in the page (promises awaited) and answers its JSON value. */
  public JsonNode eval(String expression) {
    ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true);
    JsonNode answer = call("Runtime.evaluate", params);
    if (answer.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + expression + " -> " + answer.path("exceptionDetails"));
    }
    return answer.path("result").path("value");
  }

  public String text(String elementId) {
    return eval("(document.getElementById(" + JSON.valueToTree(elementId) + ") || {}).textContent || ''").asText();
  }

  /** Polls a JavaScript condition until it is true; fails naming what was awaited. */
  public void waitFor(String what, String condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (eval("!!(" + condition + ")").asBoolean()) return;
      } catch (IllegalStateException e) {
        // The page may be between documents; try again.
      }
      LocalStack.pause(Duration.ofMillis(100));
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
        + "; page text: " + eval("document.body ? document.body.innerText.slice(0, 2000) : ''").asText());
  }

  /** Saves a PNG of the whole page (up to 5000 CSS pixels tall). */
  public void screenshot(Path file) throws IOException {
    JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
    double width = Math.max(1, metrics.path("width").asDouble(1400));
    double height = Math.min(5000, Math.max(1, metrics.path("height").asDouble(1000)));
    ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
    String data = call("Page.captureScreenshot", params).path("data").asText();
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(data));
  }

  private JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    try {
      socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) throw new IllegalStateException(method + " failed: " + reply.get("error"));
      return reply.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  private void dispatch(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> waiting = pending.get(message.get("id").asInt());
        if (waiting != null) waiting.complete(message);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing anyway.
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Reassembles messages that arrive in parts (screenshots are large). */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Consumer<String> onMessage;
    private final StringBuilder buffer = new StringBuilder();

    Listener(java.util.function.Consumer<String> onMessage) {
      this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String message = buffer.toString();
        buffer.setLength(0);
        onMessage.accept(message);
      }
      webSocket.request(1);
      return null;
    }
  }
}
