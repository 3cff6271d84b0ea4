package io.chengis.cli.internal;

import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditChain;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chengis audit verify|export}: the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verifies or exports the audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {
  static final int BATCH = 1_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  /** Used by picocli. */
  public AuditCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads every record of an organization in order, a batch at a time. */
  static void forEach(AuditLog audit, OrgId org, Consumer<AuditRecord> action) {
    long after = 0;
    while (true) {
      List<AuditRecord> batch = audit.read(new AuditQuery(org, after, BATCH));
      batch.forEach(action);
      if (batch.size() < BATCH) {
        return;
      }
      after = batch.getLast().sequence();
    }
  }

  /** {@code chengis audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks the audit log's hash chain; exits 1 and names the first tampered record if any."
      })
  public static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    /** Used by picocli. */
    public Verify() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            AuditChain.Verifier verifier = AuditChain.verifier();
            forEach(stores.audit(), org, verifier::accept);
            PrintWriter out = spec.commandLine().getOut();
            if (verifier.firstBroken().isEmpty()) {
              out.println(
                  "audit log of " + org + " is intact: " + verifier.checked() + " records checked");
              return ExitCodes.SUCCESS;
            }
            AuditRecord broken = verifier.firstBroken().get();
            spec.commandLine()
                .getErr()
                .println(
                    "audit log of "
                        + org
                        + " is tampered: record "
                        + broken.sequence()
                        + " ("
                        + broken.entry().action()
                        + " by "
                        + broken.entry().actor()
                        + " at "
                        + broken.entry().timestamp()
                        + "): "
                        + verifier.problem().orElse("")
                        + "; restore the database from a backup taken before it and investigate");
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
          });
    }
  }

  /** {@code chengis audit export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Writes the audit log as CSV or JSON lines, streamed in batches.")
  public static final class Export implements Callable<Integer> {
    /** The export formats. */
    enum Format {
      CSV,
      JSONL
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Option(
        names = "--format",
        defaultValue = "jsonl",
        description = "csv or jsonl (default: ${DEFAULT-VALUE})")
    Format format = Format.JSONL;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "write here instead of standard output")
    @Nullable Path output;

    /** Used by picocli. */
    public Export() {}

    @Override
    public Integer call() {
      return Commands.run(
          spec,
          database,
          (stores, org) -> {
            try (Writer writer =
                output == null
                    ? new NonClosing(spec.commandLine().getOut())
                    : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
              if (format == Format.CSV) {
                writer.write("sequence,timestamp,organization,actor,action,target,details,hash\n");
              }
              forEach(stores.audit(), org, record -> write(writer, record));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return ExitCodes.SUCCESS;
          });
    }

    private void write(Writer writer, AuditRecord record) {
      try {
        writer.write(format == Format.CSV ? csv(record) : json(record));
        writer.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String csv(AuditRecord record) {
      StringBuilder details = new StringBuilder();
      for (Map.Entry<String, String> detail : record.entry().details().entrySet()) {
        if (!details.isEmpty()) {
          details.append(';');
        }
        details.append(detail.getKey()).append('=').append(detail.getValue());
      }
      return String.join(
          ",",
          Long.toString(record.sequence()),
          cell(record.entry().timestamp().toString()),
          cell(record.entry().org().value()),
          cell(record.entry().actor()),
          cell(record.entry().action()),
          cell(record.entry().target()),
          cell(details.toString()),
          record.hash());
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    private static String cell(String text) {
      boolean quote =
          text.indexOf(',') >= 0
              || text.indexOf('"') >= 0
              || text.indexOf('\n') >= 0
              || text.indexOf('\r') >= 0;
      return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String json(AuditRecord record) {
      StringBuilder json = new StringBuilder(256).append('{');
      json.append("\"sequence\":").append(record.sequence());
      field(json, "timestamp", record.entry().timestamp().toString());
      field(json, "organization", record.entry().org().value());
      field(json, "actor", record.entry().actor());
      field(json, "action", record.entry().action());
      field(json, "target", record.entry().target());
      json.append(",\"details\":{");
      boolean first = true;
      for (Map.Entry<String, String> detail : record.entry().details().entrySet()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        string(json, detail.getKey());
        json.append(':');
        string(json, detail.getValue());
      }
      json.append('}');
      field(json, "hash", record.hash());
      return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
      json.append(',');
      string(json, name);
      json.append(':');
      string(json, value);
    }

    private static void string(StringBuilder json, String text) {
      json.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> json.append("\\\"");
          case '\\' -> json.append("\\\\");
          case '\n' -> json.append("\\n");
          case '\r' -> json.append("\\r");
          case '\t' -> json.append("\\t");
          default -> {
            if (c < 0x20) {
              json.append(String.format("\\u%04x", (int) c));
            } else {
              json.append(c);
            }
          }
        }
      }
      json.append('"');
    }

    /** Standard output stays open after the export. */
    private static final class NonClosing extends java.io.FilterWriter {
      NonClosing(Writer out) {
        super(out);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    }
  }
}
