package io.chengis.cli.internal;

import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The CLI's settings, typed: from {@code CHENGIS_*} environment variables, then the config file
 * ({@code CHENGIS_CONFIG}, or {@code config.yml} in the Chengis home), then defaults. Command-line
 * options win over all of them.
 *
 * <pre>{@code
 * database:
 *   url: jdbc:postgresql://db:5432/chengis   # or a SQLite file path
 *   user: chengis
 *   password: 012345                          # stays the text "012345"
 * organization: acme
 * }</pre>
 *
 * <p>Every value is read as the text written in the file, so a numeric-looking password keeps its
 * leading zeros. Unknown keys and values of the wrong shape are errors with {@code file:line:col}.
 *
 * @param home the Chengis home directory (database, config, master key)
 * @param databaseUrl a SQLite file path, {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}
 * @param databaseUser the PostgreSQL user
 * @param databasePassword the PostgreSQL password
 * @param organization the organization builds belong to
 * @param buildLease how long a running build's lease lasts without renewal ({@code
 *     CHENGIS_BUILD_LEASE} or {@code database.build-lease}, ISO-8601 like {@code PT30S})
 */
record CliConfig(
    Path home,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<Secret> databasePassword,
    Optional<OrgId> organization,
    Optional<Duration> buildLease) {

  private static final List<String> TOP_KEYS = List.of("database", "organization");
  private static final List<String> DATABASE_KEYS =
      List.of("url", "user", "password", "build-lease");

  /** The Chengis home: {@code CHENGIS_HOME}, the {@code chengis.home} property, or ~/.chengis. */
  static Path home(Map<String, String> env) {
    return Optional.ofNullable(env.get("CHENGIS_HOME"))
        .or(() -> Optional.ofNullable(System.getProperty("chengis.home")))
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".chengis"));
  }

  private static CliConfig empty(Path home) {
    return new CliConfig(
        home,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Reads the settings of this process. */
  static CliConfig load(Map<String, String> env) {
    Path home = home(env);
    Path file =
        Optional.ofNullable(env.get("CHENGIS_CONFIG"))
            .map(Path::of)
            .orElse(home.resolve("config.yml"));
    CliConfig fromFile = Files.isRegularFile(file) ? parse(file, read(file), home) : empty(home);
    return new CliConfig(
        home,
        Optional.ofNullable(env.get("CHENGIS_DATABASE_URL")).or(fromFile::databaseUrl),
        Optional.ofNullable(env.get("CHENGIS_DATABASE_USER")).or(fromFile::databaseUser),
        Optional.ofNullable(env.get("CHENGIS_DATABASE_PASSWORD"))
            .map(Secret::of)
            .or(fromFile::databasePassword),
        Optional.ofNullable(env.get("CHENGIS_ORGANIZATION"))
            .map(text -> organization("CHENGIS_ORGANIZATION", text))
            .or(fromFile::organization),
        Optional.ofNullable(env.get("CHENGIS_BUILD_LEASE"))
            .map(text -> duration("CHENGIS_BUILD_LEASE", text))
            .or(fromFile::buildLease));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read (was " + e + "); check its permissions");
    }
  }

  /** Parses a config file's text. */
  static CliConfig parse(Path file, String text, Path home) {
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
    Node root;
    try {
      Iterator<Node> documents =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      if (!documents.hasNext()) {
        return empty(home);
      }
      root = documents.next();
    } catch (MarkedYamlEngineException e) {
      String where = e.getProblemMark().map(mark -> at(file, mark)).orElse(file + ":1:1");
      throw new ConfigException(
          where + ": config file is not valid YAML (was " + e.getProblem() + "); fix the syntax");
    }
    Optional<String> url = Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    Optional<OrgId> organization = Optional.empty();
    Optional<Duration> buildLease = Optional.empty();
    for (NodeTuple entry : mapping(file, root, "the config file").getValue()) {
      String key = text(file, entry.getKeyNode(), "a key");
      switch (key) {
        case "database" -> {
          for (NodeTuple setting : mapping(file, entry.getValueNode(), "database").getValue()) {
            String name = text(file, setting.getKeyNode(), "a key");
            String value = text(file, setting.getValueNode(), "database." + name);
            switch (name) {
              case "url" -> url = Optional.of(value);
              case "user" -> user = Optional.of(value);
              case "password" -> password = Optional.of(Secret.of(value));
              case "build-lease" ->
                  buildLease = Optional.of(duration(where(file, setting.getValueNode()), value));
              default ->
                  throw unknown(file, setting.getKeyNode(), "database." + name, DATABASE_KEYS);
            }
          }
        }
        case "organization" ->
            organization =
                Optional.of(
                    organization(
                        where(file, entry.getValueNode()),
                        text(file, entry.getValueNode(), "organization")));
        default -> throw unknown(file, entry.getKeyNode(), key, TOP_KEYS);
      }
    }
    return new CliConfig(home, url, user, password, organization, buildLease);
  }

  private static Duration duration(String where, String text) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        throw new DateTimeParseException("not positive", text, 0);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          where
              + ": build lease is not a positive ISO-8601 duration (was \""
              + text
              + "\"); write it like PT30S");
    }
  }

  private static OrgId organization(String where, String text) {
    try {
      return OrgId.of(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": organization " + e.getMessage());
    }
  }

  private static MappingNode mapping(Path file, Node node, String what) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw new ConfigException(
        where(file, node)
            + ": "
            + what
            + " must be a mapping of keys to values (was "
            + shape(node)
            + "); write key: value lines");
  }

  /** The text of a scalar exactly as written: {@code 012345} stays {@code "012345"}. */
  private static String text(Path file, Node node, String what) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw new ConfigException(
        where(file, node)
            + ": "
            + what
            + " must be a single value (was "
            + shape(node)
            + "); write it on the key's line, quoted if it has special characters");
  }

  private static String shape(Node node) {
    return switch (node.getNodeType()) {
      case MAPPING -> "a mapping";
      case SEQUENCE -> "a list";
      default -> "a value";
    };
  }

  private static ConfigException unknown(Path file, Node key, String name, List<String> known) {
    return new ConfigException(
        where(file, key)
            + ": key \""
            + name
            + "\" is unknown (was \""
            + name
            + "\"); known keys here: "
            + String.join(", ", known));
  }

  private static String where(Path file, Node node) {
    return node.getStartMark().map(mark -> at(file, mark)).orElse(file + ":1:1");
  }

  private static String at(Path file, Mark mark) {
    return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  /** A config problem: a user mistake with its place, printed without a stack trace. */
  static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }
}
