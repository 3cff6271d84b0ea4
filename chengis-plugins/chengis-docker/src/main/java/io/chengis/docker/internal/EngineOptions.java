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
 * --workdir}/{@code -w} and {@code --env}/{@code -e KEY=VALUE}, as {@code --flag value} or {@code
 * --flag=value}. Anything else is an error that lists these.
 *
 * @param user the user, if given
 * @param cpus the CPU limit, or 0
 * @param memoryBytes the memory limit, or 0
 * @param network the network, if given
 * @param workdir the working directory, if given
 * @param env environment variables, in order
 */
public record EngineOptions(
    Optional<String> user,
    double cpus,
    long memoryBytes,
    Optional<String> network,
    Optional<String> workdir,
    Map<String, String> env) {

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
          "-e");
  private static final String SUPPORTED =
      "--user/-u, --cpus, --memory/-m, --network/--net, --workdir/-w, --env/-e";

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
    return new EngineOptions(user, cpus, memory, network, workdir, env);
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
