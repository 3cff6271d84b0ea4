package io.chengis.store.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The tables and columns of the Chengis schema (the Flyway migrations define them), typed for jOOQ.
 * Every table is prefixed {@code chengis_} so it never collides with a host's own.
 */
final class Tables {
  private Tables() {}

  static final Field<String> ORG_ID = text("org_id");
  static final Field<String> BUILD_ID = text("build_id");
  static final Field<String> JOB_ID = text("job_id");

  static final Table<Record> BUILD_NUMBERS = table("chengis_build_numbers");
  static final Field<Long> LAST_NUMBER = bigint("last_number");

  static final Table<Record> BUILDS = table("chengis_builds");
  static final Field<Long> NUMBER = bigint("number");
  static final Field<Integer> ATTEMPT = integer("attempt");
  static final Field<String> ROOT_BUILD_ID = text("root_build_id");
  static final Field<String> STATE = text("state");
  static final Field<String> OUTCOME = text("outcome");
  static final Field<String> CONCLUSION = text("conclusion");
  static final Field<Long> QUEUED_AT = bigint("queued_at");
  static final Field<Long> STARTED_AT = bigint("started_at");
  static final Field<Long> FINISHED_AT = bigint("finished_at");
  static final Field<String> DOC = text("doc");

  static final Table<Record> STAGE_RUNS = table("chengis_stage_runs");
  static final Table<Record> STEP_RUNS = table("chengis_step_runs");
  static final Field<Integer> POSITION = integer("position");
  static final Field<String> STAGE = text("stage");
  static final Field<String> STEP = text("step");
  static final Field<Integer> EXIT_CODE = integer("exit_code");
  static final Field<String> REASON = text("reason");

  static final Table<Record> LOG_CHUNKS = table("chengis_log_chunks");
  static final Field<Long> FIRST_LINE = bigint("first_line");
  static final Field<Integer> LINE_COUNT = integer("line_count");
  static final Field<String> BODY = text("body");

  static final Table<Record> EVENTS = table("chengis_events");
  static final Field<Long> SEQ = bigint("seq");
  static final Field<String> EVENT_ID = text("event_id");
  static final Field<String> TYPE = text("type");
  static final Field<Long> AT = bigint("at");

  static final Table<Record> AUDIT_LOG = table("chengis_audit_log");
  static final Field<String> AT_TEXT = text("at");
  static final Field<String> ACTOR = text("actor");
  static final Field<String> ACTION = text("action");
  static final Field<String> TARGET = text("target");
  static final Field<String> DETAILS = text("details");
  static final Field<String> HASH = text("hash");

  static final Table<Record> QUEUE = table("chengis_queue");
  static final Field<String> LABELS = text("labels");
  static final Field<Integer> PRIORITY = integer("priority");
  static final Field<Long> NOT_BEFORE_NS = bigint("not_before_ns");
  static final Field<Long> ENQUEUED_NS = bigint("enqueued_ns");
  static final Field<Integer> MAX_ATTEMPTS = integer("max_attempts");
  static final Field<String> LEASE_OWNER = text("lease_owner");
  static final Field<Long> LEASE_EXPIRY_NS = bigint("lease_expiry_ns");
  static final Field<Long> TOKEN = bigint("token");
  static final Field<Integer> ATTEMPTS = integer("attempts");

  static final Table<Record> BUILD_LEASES = table("chengis_build_leases");
  static final Field<String> OWNER = text("owner");
  static final Field<Long> EXPIRES_AT = bigint("expires_at");

  static final Table<Record> SECRETS = table("chengis_secrets");
  static final Field<String> SCOPE = text("scope");
  static final Field<String> SCOPE_ID = text("scope_id");
  static final Field<String> SECRET_NAME = text("name");
  static final Field<String> SECRET_KEY_ID = text("key_id");
  static final Field<byte[]> SEALED = column("ciphertext", SQLDataType.BLOB);
  static final Field<Long> UPDATED_AT = bigint("updated_at");

  static final Table<Record> BUILD_COMMANDS = table("chengis_build_commands");
  static final Field<Long> COMMAND_ID = bigint("id");
  static final Field<String> COMMAND = text("command");
  static final Field<String> COMMAND_ACTOR = text("actor");
  static final Field<String> COMMAND_COMMENT = text("comment");
  static final Field<Long> CREATED_AT = bigint("created_at");
  static final Field<Long> HANDLED_AT = bigint("handled_at");

  static final Table<Record> APPROVALS = table("chengis_approvals");
  static final Field<Long> REQUIRED = bigint("required");
  static final Field<String> APPROVERS = text("approvers");
  static final Field<String> MESSAGE = text("message");
  static final Field<Long> REQUESTED_AT = bigint("requested_at");
  static final Field<Long> DEADLINE = bigint("deadline");
  static final Field<Long> DECIDED_AT = bigint("decided_at");

  static final Table<Record> APPROVAL_VOTES = table("chengis_approval_votes");
  static final Field<String> VOTER = text("voter");
  static final Field<Long> APPROVE = bigint("approve");

  static final Table<Record> JOBS = table("chengis_jobs");
  static final Field<Integer> JOB_VERSION = integer("version");
  static final Field<String> JOB_FORMAT = text("format");
  static final Field<String> JOB_DEFINITION = text("definition");

  static final Table<Record> PLUGIN_TRUST = table("chengis_plugin_trust");
  static final Field<String> SHA256 = text("sha256");
  static final Field<String> PLUGIN_NAME = text("name");
  static final Field<String> ALLOWED_BY = text("allowed_by");
  static final Field<String> ALLOWED_AT = text("allowed_at");

  static final Table<Record> WEBHOOK_DELIVERIES = table("chengis_webhook_deliveries");
  static final Field<String> PROVIDER = text("provider");
  static final Field<String> DELIVERY_ID = text("delivery_id");
  static final Field<String> RECEIVED_AT = text("received_at");
  static final Field<Long> RECEIVED_NS = bigint("received_ns");
  static final Field<String> DELIVERY_HEADERS = text("headers");
  static final Field<byte[]> DELIVERY_PAYLOAD = column("payload", SQLDataType.BLOB);
  static final Field<String> DELIVERY_RESULT = text("result");

  static final Table<Record> SCHEDULES = table("chengis_schedules");
  static final Field<String> CRON = text("cron");
  static final Field<String> TIMEZONE = text("timezone");
  static final Field<Long> LAST_RUN = bigint("last_run");
  static final Field<Long> ENABLED = bigint("enabled");

  static final Table<Record> ARTIFACTS = table("chengis_artifacts");
  static final Field<String> ARTIFACT_PATH = text("path");
  static final Field<Long> ARTIFACT_SIZE = bigint("size");
  static final Field<String> STORED_AT = text("stored_at");

  /** The column of that table, qualified for joins and correlated subqueries. */
  static <T> Field<T> of(Table<?> table, Field<T> column) {
    return field(
        table.getQualifiedName().append(column.getUnqualifiedName()), column.getDataType());
  }

  /**
   * A bind value for a column, for a statement rendered once with {@link Database#sql}: it renders
   * as {@code ?}, and the caller binds the column's value through JDBC in its place.
   */
  static <T> Param<T> bound(Field<T> column) {
    return org.jooq.impl.DSL.param(column.getName(), column.getDataType());
  }

  /**
   * An insert of one row into the columns, each value {@link #bound}: the columns' values are bound
   * in their order.
   */
  static InsertValuesStepN<Record> insertBound(
      DSLContext dsl, Table<Record> table, Field<?>... columns) {
    Field<?>[] values = new Field<?>[columns.length];
    for (int i = 0; i < columns.length; i++) {
      values[i] = bound(columns[i]);
    }
    return dsl.insertInto(table).columns(columns).values(values);
  }

  private static Table<Record> table(String name) {
    return org.jooq.impl.DSL.table(name(name));
  }

  private static Field<String> text(String name) {
    return column(name, SQLDataType.VARCHAR);
  }

  private static Field<Long> bigint(String name) {
    return column(name, SQLDataType.BIGINT);
  }

  private static Field<Integer> integer(String name) {
    return column(name, SQLDataType.INTEGER);
  }

  private static <T> Field<T> column(String name, DataType<T> type) {
    return field(name(name), type);
  }
}
