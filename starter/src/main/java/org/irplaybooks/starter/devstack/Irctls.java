package org.irplaybooks.starter.devstack;

import java.nio.file.Path;
import java.util.List;

/** The command line that runs another role of this same build in a child process. */
final class Irctls {
  private Irctls() {}

  static List<String> command(String role, Path config) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "org.irplaybooks.starter.Irctl", role, config.toString());
  }
}
