package org.irplaybooks.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.irplaybooks.starter.devstack.DevStack;
import org.junit.jupiter.api.Test;

class IrctlTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Irctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void noArguments_printsUsage_andExits2() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("irctl <command>").contains("demo").contains("dev");
  }

  @Test
  void unknownCommand_isNamed_andExits2() throws Exception {
    assertThat(run("contain-everything")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'contain-everything'");
  }

  @Test
  void roleWithoutConfig_saysWhichFileToPass() {
    assertThatThrownBy(() -> run("worker"))
        .isInstanceOf(Irctl.UsageException.class)
        .hasMessageContaining("irctl worker config/worker.yml");
  }

  @Test
  void stackOptions_areParsed() {
    DevStack.Options options = Irctl.parseStackOptions(new String[] {
        "--temporal-port", "17233", "--listener-port", "18080", "--aws-endpoint", "http://127.0.0.1:5000",
        "--state-dir", "/tmp/irp-state"});
    assertThat(options.temporalPort()).isEqualTo(17233);
    assertThat(options.listenerPort()).isEqualTo(18080);
    assertThat(options.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(options.stateDir()).isEqualTo(Path.of("/tmp/irp-state"));
  }

  @Test
  void badStackOptions_explainTheFix() {
    assertThatThrownBy(() -> Irctl.parseStackOptions(new String[] {"--temporal-port", "seven"}))
        .hasMessageContaining("--temporal-port needs a port number between 1 and 65535, got seven");
    assertThatThrownBy(() -> Irctl.parseStackOptions(new String[] {"--aws-endpoint", "localhost"}))
        .hasMessageContaining("needs a URL such as http://127.0.0.1:5000");
    assertThatThrownBy(() -> Irctl.parseStackOptions(new String[] {"--listener-port"}))
        .hasMessageContaining("--listener-port needs a value");
    assertThatThrownBy(() -> Irctl.parseStackOptions(new String[] {"--verbose", "yes"}))
        .hasMessageContaining("unknown option --verbose");
  }
}
