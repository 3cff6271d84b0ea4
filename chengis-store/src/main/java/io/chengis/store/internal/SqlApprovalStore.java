package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.APPROVALS;
import static io.chengis.store.internal.Tables.APPROVAL_VOTES;
import static io.chengis.store.internal.Tables.APPROVE;
import static io.chengis.store.internal.Tables.APPROVERS;
import static io.chengis.store.internal.Tables.AT;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.COMMAND_COMMENT;
import static io.chengis.store.internal.Tables.DEADLINE;
import static io.chengis.store.internal.Tables.DECIDED_AT;
import static io.chengis.store.internal.Tables.MESSAGE;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.REQUESTED_AT;
import static io.chengis.store.internal.Tables.REQUIRED;
import static io.chengis.store.internal.Tables.STAGE;
import static io.chengis.store.internal.Tables.STATE;
import static io.chengis.store.internal.Tables.VOTER;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.StoreException;
import io.chengis.api.spi.Approval;
import io.chengis.api.spi.ApprovalRequest;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.ApprovalVote;
import io.chengis.api.spi.BuildRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;

/**
 * {@link ApprovalStore} on SQL: one row per gate in {@code chengis_approvals} (approvers and roles
 * as a JSON document), one row per voter in {@code chengis_approval_votes}.
 */
public final class SqlApprovalStore implements ApprovalStore {
  private final Database database;

  private static final TypeReference<Map<String, List<String>>> ELIGIBLE = new TypeReference<>() {};

  /** The approval gates of the database. */
  public SqlApprovalStore(Database database) {
    this.database = database;
  }

  private static Condition key(BuildRef build, String stage) {
    return ORG_ID
        .eq(build.org().value())
        .and(BUILD_ID.eq(build.buildId().value()))
        .and(STAGE.eq(stage));
  }

  @Override
  public void request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    database.write(
        dsl ->
            dsl.insertInto(APPROVALS)
                .set(ORG_ID, request.build().org().value())
                .set(BUILD_ID, request.build().buildId().value())
                .set(STAGE, request.stage())
                .set(REQUIRED, (long) request.required())
                .set(
                    APPROVERS,
                    Json.write(Map.of("approvers", request.approvers(), "roles", request.roles())))
                .set(MESSAGE, request.message())
                .set(STATE, Approval.State.PENDING.name())
                .set(REQUESTED_AT, request.requestedAt().toEpochMilli())
                .set(DEADLINE, request.deadline().toEpochMilli())
                .onConflictDoNothing()
                .execute());
  }

  @Override
  public void vote(ApprovalVote vote) {
    Objects.requireNonNull(vote, "vote");
    database.write(
        dsl -> {
          if (!dsl.fetchExists(APPROVALS, key(vote.build(), vote.stage()))) {
            throw new StoreException(
                "approval store: no gate of stage \""
                    + vote.stage()
                    + "\" is recorded for build "
                    + vote.build().buildId()
                    + "; record the gate with request(...) before its votes");
          }
          long approve = vote.approve() ? 1L : 0L;
          long at = vote.at().toEpochMilli();
          return dsl.insertInto(APPROVAL_VOTES)
              .set(ORG_ID, vote.build().org().value())
              .set(BUILD_ID, vote.build().buildId().value())
              .set(STAGE, vote.stage())
              .set(VOTER, vote.voter())
              .set(APPROVE, approve)
              .set(COMMAND_COMMENT, vote.comment())
              .set(AT, at)
              .onConflict(ORG_ID, BUILD_ID, STAGE, VOTER)
              .doUpdate()
              .set(APPROVE, approve)
              .set(COMMAND_COMMENT, vote.comment())
              .set(AT, at)
              .execute();
        });
  }

  @Override
  public boolean decide(BuildRef build, String stage, Approval.State state, Instant at) {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(at, "at");
    if (Objects.requireNonNull(state, "state") == Approval.State.PENDING) {
      throw new IllegalArgumentException(
          "approval store: a gate cannot be decided as PENDING; decide APPROVED, REJECTED,"
              + " TIMED_OUT or CANCELLED");
    }
    return database.write(
            dsl ->
                dsl.update(APPROVALS)
                    .set(STATE, state.name())
                    .set(DECIDED_AT, at.toEpochMilli())
                    .where(key(build, stage))
                    .and(STATE.eq(Approval.State.PENDING.name()))
                    .execute())
        == 1;
  }

  @Override
  public Optional<Approval> find(BuildRef build, String stage) {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(stage, "stage");
    return database.read(
        dsl -> {
          var gate =
              dsl.select(REQUIRED, APPROVERS, MESSAGE, STATE, REQUESTED_AT, DEADLINE, DECIDED_AT)
                  .from(APPROVALS)
                  .where(key(build, stage))
                  .fetchOne();
          if (gate == null) {
            return Optional.empty();
          }
          Map<String, List<String>> eligible = Json.read(gate.get(APPROVERS), ELIGIBLE);
          List<ApprovalVote> votes =
              dsl.select(VOTER, APPROVE, COMMAND_COMMENT, AT)
                  .from(APPROVAL_VOTES)
                  .where(key(build, stage))
                  .orderBy(AT, VOTER)
                  .fetch(
                      row ->
                          new ApprovalVote(
                              build,
                              stage,
                              row.get(VOTER),
                              row.get(APPROVE) == 1L,
                              row.get(COMMAND_COMMENT),
                              Instant.ofEpochMilli(row.get(AT))));
          ApprovalRequest request =
              new ApprovalRequest(
                  build,
                  stage,
                  gate.get(MESSAGE),
                  eligible.getOrDefault("approvers", List.of()),
                  eligible.getOrDefault("roles", List.of()),
                  Math.toIntExact(gate.get(REQUIRED)),
                  Instant.ofEpochMilli(gate.get(REQUESTED_AT)),
                  Instant.ofEpochMilli(gate.get(DEADLINE)));
          return Optional.of(
              new Approval(
                  request,
                  Approval.State.valueOf(gate.get(STATE)),
                  Optional.ofNullable(gate.get(DECIDED_AT)).map(Instant::ofEpochMilli),
                  votes));
        });
  }
}
