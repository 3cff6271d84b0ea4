package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.BUILD_COMMANDS;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.COMMAND;
import static io.chengis.store.internal.Tables.COMMAND_ACTOR;
import static io.chengis.store.internal.Tables.COMMAND_COMMENT;
import static io.chengis.store.internal.Tables.COMMAND_ID;
import static io.chengis.store.internal.Tables.CREATED_AT;
import static io.chengis.store.internal.Tables.HANDLED_AT;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.STAGE;
import static org.jooq.impl.DSL.max;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import io.chengis.store.BuildCommand;
import io.chengis.store.BuildCommands;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/** {@link BuildCommands} on SQL. */
public final class SqlBuildCommands implements BuildCommands {
  private final Database database;
  private final InstantSource clock;

  /** The build commands of the database. */
  public SqlBuildCommands(Database database, InstantSource clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public BuildCommand send(BuildCommand command) {
    Objects.requireNonNull(command, "command");
    long id =
        database.write(
            dsl -> {
              dsl.insertInto(BUILD_COMMANDS)
                  .set(ORG_ID, command.org().value())
                  .set(BUILD_ID, command.buildId().value())
                  .set(COMMAND, command.kind().name())
                  .set(STAGE, command.stage())
                  .set(COMMAND_ACTOR, command.actor())
                  .set(COMMAND_COMMENT, command.comment())
                  .set(CREATED_AT, command.createdAt().toEpochMilli())
                  .execute();
              return dsl.select(max(COMMAND_ID))
                  .from(BUILD_COMMANDS)
                  .where(ORG_ID.eq(command.org().value()), BUILD_ID.eq(command.buildId().value()))
                  .fetchSingle(0, Long.class);
            });
    return new BuildCommand(
        id,
        command.org(),
        command.buildId(),
        command.kind(),
        command.stage(),
        command.actor(),
        command.comment(),
        command.createdAt());
  }

  @Override
  public List<BuildCommand> pending(OrgId org, BuildId buildId) {
    return database.read(
        dsl ->
            dsl.select(COMMAND_ID, COMMAND, STAGE, COMMAND_ACTOR, COMMAND_COMMENT, CREATED_AT)
                .from(BUILD_COMMANDS)
                .where(ORG_ID.eq(org.value()), BUILD_ID.eq(buildId.value()), HANDLED_AT.isNull())
                .orderBy(COMMAND_ID)
                .fetch(
                    row ->
                        new BuildCommand(
                            row.get(COMMAND_ID),
                            org,
                            buildId,
                            BuildCommand.Kind.valueOf(row.get(COMMAND)),
                            row.get(STAGE),
                            row.get(COMMAND_ACTOR),
                            row.get(COMMAND_COMMENT),
                            Instant.ofEpochMilli(row.get(CREATED_AT)))));
  }

  @Override
  public void handled(BuildCommand command) {
    long now = clock.instant().toEpochMilli();
    database.write(
        dsl ->
            dsl.update(BUILD_COMMANDS)
                .set(HANDLED_AT, now)
                .where(COMMAND_ID.eq(command.id()), HANDLED_AT.isNull())
                .execute());
  }

  @Override
  public boolean isHandled(BuildCommand command) {
    return database.read(
        dsl ->
            dsl.fetchExists(
                BUILD_COMMANDS, COMMAND_ID.eq(command.id()).and(HANDLED_AT.isNotNull())));
  }
}
