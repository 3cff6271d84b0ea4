package io.chengis.docker.internal;

import io.chengis.api.PluginException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few {@code docker run} options a container's extra arguments may carry (GitHub Actions'
 * {@code container.options}), read as data and never handed to a shell: {@code --user}/{@code -u},
 * {@code --cpus}, {@code --memory}/{@code -m}, {@code --network}/{@code --net}, {@code
 * --workdir}/{@code -w}, {@code --env}/{@code -e KEY=VALUE} and, for services, {@code
 * --health-cmd}, {@code --health-interval}, {@code --health-timeout}, {@code --health-retries}
 * ({@code --health-start-period} is accepted and ignored), as {@code --flag value} or {@code
 * --flag=value}. Anything else is an error that lists these.
 *
 * @param user the user, if given
 * @param cpus the CPU limit, or 0
 * @param memoryBytes the memory limit, or 0
 * @param network the network, if given
 * @param workdir the working directory, if given
 * @param env environment variables, in order
 * @param health the readiness check, if given
 */
public record EngineOptions(
    Optional<String> user,
    double cpus,
    long memoryBytes,
    Optional<String> network,
    Optional<String> workdir,
    Map<String, String> env,
    Optional<Health> health) {

  /**
   * A readiness check: the command is run in the container until it exits 0.
   *
   * @param command the shell command
   * @param interval the time between checks (default 1 second)
   * @param timeout how long one check may take (default 30 seconds)
   * @param retries how many checks may fail before the service counts as broken (default 60)
   */
  public record Health(
      String command, java.time.Duration interval, java.time.Duration timeout, int retries) {}

  private static final java.util.Set<String> KNOWN =
      java.util.Set.of(
          "--user",
          "-u",
          "--cpus",
          "--memory",
          "-m",
          "--network",
          "--net",
          "--workdir",
          "-w",
          "--env",
          "-e",
          "--health-cmd",
          "--health-interval",
          "--health-timeout",
          "--health-retries",
          "--health-start-period");
  private static final String SUPPORTED =
      "--user/-u, --cpus, --memory/-m, --network/--net, --workdir/-w, --env/-e, --health-cmd,"
          + " --health-interval, --health-timeout, --health-retries, --health-start-period";

  /**
   * Reads extra arguments.
   *
   * @param where who declared them, for messages
   * @param args the arguments, in order
   * @return the options
   * @throws PluginException naming the argument that is not supported or lacks its value
   */
  public static EngineOptions parse(String where, List<String> args) {
    Optional<String> user = Optional.empty();
    Optional<String> network = Optional.empty();
    Optional<String> workdir = Optional.empty();
    double cpus = 0;
    long memory = 0;
    Map<String, String> env = new LinkedHashMap<>();
    Optional<String> healthCmd = Optional.empty();
    java.time.Duration interval = java.time.Duration.ofSeconds(1);
    java.time.Duration timeout = java.time.Duration.ofSeconds(30);
    int retries = 60;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg;
      Optional<String> inline = Optional.empty();
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        inline = Optional.of(arg.substring(equals + 1));
      }
      if (!KNOWN.contains(flag)) {
        throw new PluginException(
            where
                + ": container option \""
                + arg
                + "\" is not supported (was "
                + args
                + "); use only "
                + SUPPORTED
                + ", or the container's own settings");
      }
      String value;
      if (inline.isPresent()) {
        value = inline.get();
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new PluginException(
            where + ": container option " + flag + " has no value; write e.g. " + flag + " VALUE");
      }
      switch (flag) {
        case "--user", "-u" -> user = Optional.of(value);
        case "--network", "--net" -> network = Optional.of(value);
        case "--workdir", "-w" -> workdir = Optional.of(value);
        case "--cpus" -> cpus = number(where, flag, value);
        case "--health-cmd" -> healthCmd = Optional.of(value);
        case "--health-interval" -> interval = duration(where, flag, value);
        case "--health-timeout" -> timeout = duration(where, flag, value);
        case "--health-retries" -> retries = (int) Math.max(1, number(where, flag, value));
        case "--health-start-period" -> duration(where, flag, value);
        case "--memory", "-m" -> memory = bytes(where, flag, value);
        case "--env", "-e" -> {
          int split = value.indexOf('=');
          if (split <= 0) {
            throw new PluginException(
                where + ": container option " + flag + " needs KEY=VALUE (was \"" + value + "\")");
          }
          env.put(value.substring(0, split), value.substring(split + 1));
        }
        default ->
            throw new PluginException(
                where
                    + ": container option \""
                    + arg
                    + "\" is not supported (was "
                    + args
                    + "); use only "
                    + SUPPORTED
                    + ", or the container's own settings");
      }
    }
    java.time.Duration every = interval;
    java.time.Duration limit = timeout;
    int tries = retries;
    return new EngineOptions(
        user,
        cpus,
        memory,
        network,
        workdir,
        env,
        healthCmd.map(command -> new Health(command, every, limit, tries)));
  }

  /** Docker's durations: a number with s, m, h or ms, e.g. 10s or 1m30s is not accepted. */
  private static java.time.Duration duration(String where, String flag, String value) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)").matcher(value.strip());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> java.time.Duration.ofMillis(amount);
        case "s" -> java.time.Duration.ofSeconds(amount);
        case "m" -> java.time.Duration.ofMinutes(amount);
        default -> java.time.Duration.ofHours(amount);
      };
    }
    throw new PluginException(
        where
            + ": container option "
            + flag
            + " must be a duration such as 10s (was \""
            + value
            + "\")");
  }

  private static double number(String where, String flag, String value) {
    try {
      double parsed = Double.parseDouble(value);
      if (parsed > 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new PluginException(
        where
            + ": container option "
            + flag
            + " must be a positive number (was \""
            + value
            + "\")");
  }

  private static long bytes(String where, String flag, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!text.isEmpty() && "kmg".indexOf(text.charAt(text.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmg".indexOf(text.charAt(text.length() - 1)) + 1));
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("b")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      long parsed = Long.parseLong(text);
      if (parsed > 0) {
        return Math.multiplyExact(parsed, unit);
      }
    } catch (NumberFormatException | ArithmeticException bad) {
      // reported below
    }
    throw new PluginException(
        where
            + ": container option "
            + flag
            + " must be a positive size such as 512m or 2g (was \""
            + value
            + "\")");
  }
}
