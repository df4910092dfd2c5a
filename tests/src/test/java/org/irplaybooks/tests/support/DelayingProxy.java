package org.irplaybooks.tests.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.irplaybooks.activities.emulator.LoopbackPorts;

/**
 * An HTTP proxy on 127.0.0.1 that holds every request for a fixed time before passing it on to the
 * AWS emulator: slow enough that a test can kill the worker while an AWS call is in flight. It
 * records each request's body so the test knows which call is in flight.
 */
public final class DelayingProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final Duration delay;
  private final List<String> requestBodies = new CopyOnWriteArrayList<>();

  private DelayingProxy(URI target, Duration delay) throws IOException {
    this.target = target;
    this.delay = delay;
    this.server = HttpServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 50);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  public static DelayingProxy start(URI target, Duration delay) {
    try {
      return new DelayingProxy(target, delay);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the delaying proxy", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://" + LoopbackPorts.HOST + ":" + server.getAddress().getPort());
  }

  /** True once a request whose body contains {@code marker} (e.g. {@code Action=UpdateAccessKey}) arrived. */
  public boolean saw(String marker) {
    return requestBodies.stream().anyMatch(body -> body.contains(marker));
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requestBodies.add(new String(body, StandardCharsets.UTF_8));
      Thread.sleep(delay.toMillis());
      URI uri = target.resolve(exchange.getRequestURI().toString());
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .method(exchange.getRequestMethod(), body.length == 0
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().map().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
