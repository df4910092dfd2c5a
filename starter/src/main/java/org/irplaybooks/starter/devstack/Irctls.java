package org.irplaybooks.starter.devstack;

import java.nio.file.Path;
import java.util.List;

/** The command line that runs another role of this same build in a child process. */
final class Irctls {
  private Irctls() {}

  static List<String> command(String role, Path config) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // C1 only and the serial collector: the roles wait on the network, not on compute, and on a
    // small machine C2 compilation and parallel GC threads cost more CPU than they give back
    // (irctl bench, 2 cores: worker CPU per incident 0.38 s -> 0.17 s; docs/benchmarks.md).
    return List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "org.irplaybooks.starter.Irctl", role, config.toString());
  }
}
