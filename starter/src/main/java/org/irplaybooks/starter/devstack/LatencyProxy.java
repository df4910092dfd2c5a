package org.irplaybooks.starter.devstack;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.irplaybooks.activities.emulator.LoopbackPorts;

/**
 * An HTTP proxy on 127.0.0.1 in front of the AWS emulator that holds every request for a fixed
 * delay plus a uniform random jitter before passing it on, so that calls cost about what they cost
 * in AWS (the benchmark), or long enough that a test can kill the worker with a call in flight (the
 * durability test). The delay can be changed while it runs. It counts requests and, when asked to,
 * records their bodies so a test can tell which call is in flight.
 */
public final class LatencyProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding", "keep-alive", "http2-settings");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "latency-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final boolean recordBodies;
  private final List<String> requestBodies = new CopyOnWriteArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private volatile long delayMillis;
  private volatile long jitterMillis;

  private LatencyProxy(URI target, Duration delay, Duration jitter, boolean recordBodies) throws IOException {
    this.target = target;
    this.recordBodies = recordBodies;
    setLatency(delay, jitter);
    this.server = HttpServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 200);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** A proxy to {@code target} adding {@code delay} plus up to {@code jitter} to every call. */
  public static LatencyProxy start(URI target, Duration delay, Duration jitter) {
    return start(target, delay, jitter, false);
  }

  /** As {@link #start(URI, Duration, Duration)}, keeping every request body for {@link #saw}. */
  public static LatencyProxy start(URI target, Duration delay, Duration jitter, boolean recordBodies) {
    try {
      return new LatencyProxy(target, delay, jitter, recordBodies);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the latency proxy", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://" + LoopbackPorts.HOST + ":" + server.getAddress().getPort());
  }

  /** Changes the added latency for the calls that arrive from now on. */
  public void setLatency(Duration delay, Duration jitter) {
    if (delay.isNegative() || jitter.isNegative()) throw new IllegalArgumentException("latency must not be negative");
    this.delayMillis = delay.toMillis();
    this.jitterMillis = jitter.toMillis();
  }

  /** How many requests arrived so far. */
  public long requests() {
    return requests.get();
  }

  /** True once a request whose body contains {@code marker} (e.g. {@code Action=UpdateAccessKey}) arrived. */
  public boolean saw(String marker) {
    if (!recordBodies) throw new IllegalStateException("this proxy does not record request bodies");
    return requestBodies.stream().anyMatch(body -> body.contains(marker));
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      if (recordBodies) requestBodies.add(new String(body, StandardCharsets.UTF_8));
      long jitter = jitterMillis;
      long pause = delayMillis + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
      if (pause > 0) Thread.sleep(pause);
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
      boolean noBody = answer.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
      if (!noBody) {
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

  @Override
  public String toString() {
    return "latency proxy " + endpoint() + " -> " + target + " (+" + delayMillis + " ms, jitter " + jitterMillis + " ms)";
  }
}
