package org.irplaybooks.starter;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.irplaybooks.starter.bench.BenchCommand;
import org.irplaybooks.starter.bench.BenchOptions;
import org.irplaybooks.starter.cli.DemoCommand;
import org.irplaybooks.starter.cli.IncidentsCommand;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.starter.listener.ListenerApplication;
import org.irplaybooks.worker.WorkerApplication;

/**
 * {@code irctl}: one executable, several roles. {@code dev} and {@code demo} run the embedded
 * stack; {@code worker} and {@code listener} are the production roles, each a Dropwizard
 * application configured by YAML.
 */
public final class Irctl {
  static final String USAGE = """
      usage: irctl <command> [options]

        dev       run the whole stack on 127.0.0.1 until interrupted (Ctrl-C)
        demo      run the stack, send the demo finding, approve it, print the report, check AWS
        bench     measure time to contain, a burst, the footprint, and a sequential script (docs/benchmarks.md)
        worker    CONFIG   run the worker role (e.g. config/worker.yml)
        listener  CONFIG   run the finding-listener role (e.g. config/listener.yml)
        incidents ...      list, show, approve, reject, false-positive, report (irctl incidents help)
        submit    FILE     post an EventBridge event file to the listener

      options of dev and demo:
        --temporal-port N    Temporal frontend port (Web UI on N+1000); default: a free port
        --listener-port N    listener port; default: a free port
        --aws-endpoint URL   use an AWS endpoint that is already running; seed nothing
                             (needs IR_EVIDENCE_BUCKET naming a bucket there)
        --state-dir DIR      where the Temporal database and the logs live; default: .state
      """ + "\n" + BenchOptions.USAGE;

  private Irctl() {}

  public static void main(String[] args) throws Exception {
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("irctl: " + e.getMessage());
      code = 2;
    }
    // Dropwizard roles keep running in their own threads; only the one-shot commands exit here.
    if (args.length == 0 || !(args[0].equals("worker") || args[0].equals("listener"))) System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "worker" -> {
        new WorkerApplication().run("server", requireConfig(command, rest));
        return 0;
      }
      case "listener" -> {
        new ListenerApplication().run("server", requireConfig(command, rest));
        return 0;
      }
      case "dev" -> {
        DevStack.Options options = parseStackOptions(rest);
        DevStack stack = DevStack.start(options, out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "irctl-dev-shutdown"));
        stack.printEndpoints(out);
        out.println("Running until interrupted (Ctrl-C).");
        Thread.currentThread().join();
        return 0;
      }
      case "demo" -> {
        return DemoCommand.run(parseStackOptions(rest), out);
      }
      case "incidents" -> {
        if (rest.length == 0 || rest[0].equals("help") || rest[0].equals("--help")) {
          out.print(IncidentsCommand.USAGE);
          return rest.length == 0 ? 2 : 0;
        }
        return new IncidentsCommand(IncidentsCommand.clientFromEnvironment(System.getenv()), out, err).incidents(rest);
      }
      case "submit" -> {
        return new IncidentsCommand(IncidentsCommand.clientFromEnvironment(System.getenv()), out, err).submit(rest);
      }
      case "bench" -> {
        return BenchCommand.run(BenchOptions.parse(rest), out);
      }
      default -> {
        err.println("irctl: unknown command '" + command + "'");
        err.print(USAGE);
        return 2;
      }
    }
  }

  private static String requireConfig(String command, String[] rest) {
    if (rest.length != 1) {
      throw new UsageException("irctl " + command + " needs exactly one argument, the YAML configuration,"
          + " e.g. irctl " + command + " config/" + command + ".yml");
    }
    return rest[0];
  }

  static DevStack.Options parseStackOptions(String[] args) {
    Integer temporalPort = null;
    Integer listenerPort = null;
    URI awsEndpoint = null;
    Path stateDir = null;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) throw new UsageException(flag + " needs a value");
      String value = rest.remove(0);
      switch (flag) {
        case "--temporal-port" -> temporalPort = port(flag, value);
        case "--listener-port" -> listenerPort = port(flag, value);
        case "--aws-endpoint" -> {
          awsEndpoint = URI.create(value);
          if (awsEndpoint.getScheme() == null || awsEndpoint.getHost() == null) {
            throw new UsageException("--aws-endpoint needs a URL such as http://127.0.0.1:5000, got " + value);
          }
        }
        case "--state-dir" -> stateDir = Path.of(value);
        default -> throw new UsageException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new DevStack.Options(temporalPort, listenerPort, awsEndpoint, stateDir);
  }

  private static int port(String flag, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a port number between 1 and 65535, got " + value);
    }
  }

  /** A mistake on the command line: printed with its fix, exit code 2. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
