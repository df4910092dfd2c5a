package org.irplaybooks.activities.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code moto_server} process on 127.0.0.1 and a free port: the local AWS for the dev stack and
 * the tests. It speaks the real AWS wire protocols, so the production clients run against it with
 * only an endpoint override.
 */
public final class MotoServer implements AutoCloseable {
  private static final String INSTALL_HINT =
      "moto_server was not found on the PATH; install it with: pip install \"moto[server]\"";

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts moto_server, its output going to {@code log} (or discarded when null). */
  public static MotoServer start(Path log) {
    int port = LoopbackPorts.freePort();
    List<String> command = new ArrayList<>(List.of(executable(), "-H", LoopbackPorts.HOST, "-p", String.valueOf(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(INSTALL_HINT, e);
    }
    MotoServer server = new MotoServer(process, port);
    try {
      LoopbackPorts.awaitOpen(port, Duration.ofSeconds(60), process, "moto_server");
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static String executable() {
    String override = System.getenv("MOTO_SERVER");
    if (override != null && !override.isBlank()) return override;
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, "moto_server");
      if (candidate.canExecute()) return candidate.getAbsolutePath();
    }
    throw new IllegalStateException(INSTALL_HINT);
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://" + LoopbackPorts.HOST + ":" + port);
  }

  /** Clears every resource moto holds, so each test starts from an empty account. */
  public void reset() {
    HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during moto reset", e);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
