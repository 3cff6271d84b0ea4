package io.chengis.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.StoreException;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.EventStore;
import io.chengis.api.spi.LogStore;
import io.chengis.api.spi.Page;
import io.chengis.api.spi.PluginTrustStore;
import io.chengis.api.spi.QueueStore;
import io.chengis.api.spi.ScheduleStore;
import io.chengis.api.spi.WebhookDeliveryStore;
import io.chengis.store.internal.Backups;
import io.chengis.store.internal.BuildLeases;
import io.chengis.store.internal.Database;
import io.chengis.store.internal.Dialect;
import io.chengis.store.internal.Leaderships;
import io.chengis.store.internal.Retention;
import io.chengis.store.internal.SqlApprovalStore;
import io.chengis.store.internal.SqlArtifactCatalog;
import io.chengis.store.internal.SqlAuditLog;
import io.chengis.store.internal.SqlBuildCommands;
import io.chengis.store.internal.SqlBuildStore;
import io.chengis.store.internal.SqlEventStore;
import io.chengis.store.internal.SqlJobSnapshots;
import io.chengis.store.internal.SqlLogStore;
import io.chengis.store.internal.SqlPluginTrustStore;
import io.chengis.store.internal.SqlQueueStore;
import io.chengis.store.internal.SqlScheduleStore;
import io.chengis.store.internal.SqlSecretRows;
import io.chengis.store.internal.SqlWebhookDeliveryStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Every Chengis store on one SQL database. Open one per database and process, hand its stores to
 * {@code ChengisEngine.builder()}, and close it after the engine:
 *
 * <pre>{@code
 * try (SqlStores stores = SqlStores.sqlite(Path.of("chengis.db"))) {
 *   ChengisEngine engine = ChengisEngine.builder().buildStore(stores.builds())...;
 * }
 * }</pre>
 *
 * <p>Opening migrates the schema to the current version. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SqlStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlStores.class);
  private static final int SQLITE_READERS = 4;
  private static final int BUSY_TIMEOUT_MILLIS = 30_000;

  private final Database database;
  private final Location location;
  private final java.time.InstantSource clock;
  private final BuildLeases leases;
  private final ScheduledExecutorService heartbeat;
  private final BuildLeases.Recovery recovery;
  private final SqlBuildStore builds;
  private final SqlLogStore logs;
  private final SqlEventStore events;
  private final SqlQueueStore queue;
  private final SqlAuditLog audit;
  private final SqlSecretRows secrets;
  private final SqlBuildCommands commands;
  private final SqlJobSnapshots snapshots;
  private final SqlPluginTrustStore pluginTrust;
  private final SqlWebhookDeliveryStore webhookDeliveries;
  private final SqlScheduleStore schedules;
  private final SqlArtifactCatalog artifactCatalog;
  private final SqlApprovalStore approvals;

  /** Where the database is, for backups. */
  private sealed interface Location {
    record File(Path path) implements Location {}

    record Server(String url, String user, Secret password) implements Location {
      @Override
      public String toString() {
        return "Server[" + withoutQuery(url) + " as " + user + "]";
      }
    }

    record Host() implements Location {}
  }

  private SqlStores(Database database, Location location, StoreOptions options) {
    this.database = database;
    this.location = location;
    this.clock = options.clock();
    this.leases = new BuildLeases(database, owner(), options.clock(), options.buildLease());
    this.builds = new SqlBuildStore(database, Optional.of(leases));
    this.logs = new SqlLogStore(database);
    this.events = new SqlEventStore(database);
    this.queue = new SqlQueueStore(database);
    this.audit = new SqlAuditLog(database);
    this.secrets = new SqlSecretRows(database, options.clock());
    this.commands = new SqlBuildCommands(database, options.clock());
    this.snapshots = new SqlJobSnapshots(database, options.clock());
    this.pluginTrust = new SqlPluginTrustStore(database);
    this.webhookDeliveries = new SqlWebhookDeliveryStore(database);
    this.schedules = new SqlScheduleStore(database);
    this.artifactCatalog = new SqlArtifactCatalog(database);
    this.approvals = new SqlApprovalStore(database);
    this.recovery = leases.recover(builds, events, EventId.generator(options.clock()));
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("chengis-lease-heartbeat").factory());
    long every = Math.max(10, options.buildLease().toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
  }

  private void renewLeases() {
    try {
      leases.renew();
    } catch (RuntimeException e) {
      LOG.warn("renewing the build leases of {} failed: {}", leases.owner(), e.getMessage());
    }
  }

  private static String owner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Opens (and creates, with its directory) a SQLite database file: WAL journal, a busy timeout,
   * one batching writer.
   *
   * @param file the database file
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores sqlite(Path file) {
    return sqlite(file, StoreOptions.defaults());
  }

  /**
   * Opens a SQLite database file with options.
   *
   * @param file the database file
   * @param options clock and leases
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores sqlite(Path file, StoreOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new StoreException(
          "sqlite store "
              + absolute
              + ": cannot create the directory (was "
              + e.getMessage()
              + "); choose a writable location with --db or CHENGIS_DATABASE_URL",
          e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    // Nothing reads generated keys; the driver would otherwise run a second query after every
    // insert to fetch them (decision 56).
    config.setGetGeneratedKeys(false);
    SQLiteDataSource files = new SQLiteDataSource(config);
    files.setUrl("jdbc:sqlite:" + absolute);
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(files);
    pool.setPoolName("chengis-sqlite");
    pool.setMaximumPoolSize(SQLITE_READERS + 1);
    pool.setMinimumIdle(1);
    HikariDataSource dataSource = open(pool, absolute.toString());
    return new SqlStores(
        openDatabase(dataSource, Dialect.SQLITE, absolute.toString(), Optional.of(dataSource)),
        new Location.File(absolute),
        options);
  }

  /**
   * Connects to a PostgreSQL database through a HikariCP pool.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example.com:5432/chengis}
   * @param user the database user
   * @param password the user's password; {@code Secret.of("")} when the server trusts the user
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores postgresql(String jdbcUrl, String user, Secret password) {
    return postgresql(jdbcUrl, user, password, StoreOptions.defaults());
  }

  /**
   * Connects to a PostgreSQL database with options.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example.com:5432/chengis}
   * @param user the database user
   * @param password the user's password
   * @param options clock and leases
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores postgresql(
      String jdbcUrl, String user, Secret password, StoreOptions options) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "postgresql store: the URL is not a PostgreSQL JDBC URL (was \""
              + withoutQuery(jdbcUrl)
              + "\"); use jdbc:postgresql://HOST:PORT/DATABASE");
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(user);
    if (!password.reveal().isEmpty()) {
      pool.setPassword(password.reveal());
    }
    pool.setPoolName("chengis-postgresql");
    pool.setMaximumPoolSize(10);
    pool.setMinimumIdle(1);
    HikariDataSource dataSource = open(pool, withoutQuery(jdbcUrl));
    return new SqlStores(
        openDatabase(
            dataSource, Dialect.POSTGRESQL, withoutQuery(jdbcUrl), Optional.of(dataSource)),
        new Location.Server(jdbcUrl, user, password),
        options);
  }

  /**
   * Uses the host's own data source; the host keeps owning it (closing the stores leaves it open).
   *
   * @param dataSource where connections come from
   * @param kind which database it is
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores of(DataSource dataSource, DatabaseKind kind) {
    return of(dataSource, kind, StoreOptions.defaults());
  }

  /**
   * Uses the host's own data source with options.
   *
   * @param dataSource where connections come from
   * @param kind which database it is
   * @param options clock and leases
   * @return the stores
   * @since 0.1.0
   */
  public static SqlStores of(DataSource dataSource, DatabaseKind kind, StoreOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(kind, "kind");
    Dialect dialect = kind == DatabaseKind.SQLITE ? Dialect.SQLITE : Dialect.POSTGRESQL;
    return new SqlStores(
        openDatabase(dataSource, dialect, "host data source (" + kind + ")", Optional.empty()),
        new Location.Host(),
        options);
  }

  private static Database openDatabase(
      DataSource dataSource, Dialect dialect, String description, Optional<AutoCloseable> owned) {
    try {
      return new Database(dataSource, dialect, description, owned);
    } catch (RuntimeException e) {
      owned.ifPresent(
          resource -> {
            try {
              resource.close();
            } catch (Exception closing) {
              e.addSuppressed(closing);
            }
          });
      throw e;
    }
  }

  private static HikariDataSource open(HikariConfig pool, String description) {
    try {
      return new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new StoreException(
          "sql store "
              + description
              + ": cannot connect (was "
              + e.getMessage()
              + "); check the URL, that the server runs, and the credentials",
          e);
    }
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /**
   * The database, as messages name it (a file, or a URL without its query and credentials).
   *
   * @return the description
   * @since 0.1.0
   */
  public String description() {
    return database.description();
  }

  /**
   * Which database this is.
   *
   * @return the kind
   * @since 0.1.0
   */
  public DatabaseKind kind() {
    return database.dialect() == Dialect.SQLITE ? DatabaseKind.SQLITE : DatabaseKind.POSTGRESQL;
  }

  /**
   * Builds, their numbers, stage and step runs.
   *
   * @return the build store
   * @since 0.1.0
   */
  public BuildStore builds() {
    return builds;
  }

  /**
   * The jobs of an organization that have builds, the most recently queued first.
   *
   * @param org the organization
   * @return the job ids
   * @since 0.1.0
   */
  public List<JobId> jobs(OrgId org) {
    return builds.jobs(Objects.requireNonNull(org, "org"));
  }

  /**
   * A page of the jobs of an organization that have builds, in job id order.
   *
   * @param org the organization
   * @param cursor the next cursor of the previous page, or empty for the first
   * @param limit how many, 1 to 1000
   * @return the page
   * @since 0.1.0
   */
  public Page<JobId> jobs(OrgId org, Optional<String> cursor, int limit) {
    return builds.jobs(Objects.requireNonNull(org, "org"), cursor, limit);
  }

  /**
   * Step logs in chunks.
   *
   * @return the log store
   * @since 0.1.0
   */
  public LogStore logs() {
    return logs;
  }

  /**
   * The last slot of every cron trigger, for the engine's {@code scheduleStore}: an engine restart
   * neither fires a slot twice nor forgets one missed while it was down.
   *
   * @return the schedule store
   * @since 0.1.0
   */
  public ScheduleStore schedules() {
    return schedules;
  }

  /**
   * Build events, append-only, replayable from a cursor.
   *
   * @return the event store
   * @since 0.1.0
   */
  public EventStore events() {
    return events;
  }

  /**
   * The build queue with leases.
   *
   * @return the queue store
   * @since 0.1.0
   */
  public QueueStore queue() {
    return queue;
  }

  /**
   * Approval gates and their votes, so that a waiting build survives its process.
   *
   * @return the approval store
   * @since 0.1.0
   */
  public ApprovalStore approvals() {
    return approvals;
  }

  /**
   * The hash-chained audit log.
   *
   * @return the audit log
   * @since 0.1.0
   */
  public AuditLog audit() {
    return audit;
  }

  /**
   * The builds this open concluded because the process running them had died (their lease expired),
   * each with its reason.
   *
   * @return the concluded builds
   * @since 0.1.0
   */
  public List<BuildRecord> recovered() {
    return recovery.concluded();
  }

  /**
   * The builds this open found without a live process but left unfinished for an engine to resume
   * with {@code ChengisEngine.resume}: builds waiting for approval (a crash never concludes them;
   * votes cast meanwhile count when they resume), and builds whose pipeline's crash policy requeues
   * them (their queue entry is claimable again; one whose attempts are used up is dead-lettered and
   * concluded instead, see {@link #recovered()}).
   *
   * @return the builds to resume, oldest first
   * @since 0.1.0
   */
  public List<BuildRecord> resumable() {
    return recovery.resumable();
  }

  /**
   * Encrypted secrets (ciphertext and key id; the store never sees clear text).
   *
   * @return the secrets table
   * @since 0.1.0
   */
  public SecretRows secrets() {
    return secrets;
  }

  /**
   * Requests to builds running in other processes (cancel, approve, reject).
   *
   * @return the build commands
   * @since 0.1.0
   */
  public BuildCommands commands() {
    return commands;
  }

  /**
   * Whether a build is running in a live process right now: its lease is held and not expired.
   *
   * @param org the organization
   * @param build the build
   * @return {@code true} while some process runs it
   * @since 0.1.0
   */
  public boolean isRunning(OrgId org, BuildId build) {
    return leases.isLive(org, build);
  }

  /**
   * Records the definition a job runs with, for retries; a changed definition gets the next
   * version.
   *
   * @param org the organization
   * @param job the job
   * @param source {@link JobSnapshot#CLASS} or the pipeline file's path
   * @param definition the class name or the file's text
   * @return the snapshot with its version
   * @since 0.1.0
   */
  public JobSnapshot saveJob(OrgId org, JobId job, String source, String definition) {
    return snapshots.save(org, job, source, definition);
  }

  /**
   * The definition a job last ran with.
   *
   * @param org the organization
   * @param job the job
   * @return the snapshot, if the job ran here
   * @since 0.1.0
   */
  public Optional<JobSnapshot> job(OrgId org, JobId job) {
    return snapshots.find(org, job);
  }

  /**
   * The leadership of a singleton duty among the engine nodes sharing this database.
   *
   * @param duty the duty's name, e.g. {@code scheduler}
   * @return a leadership this node may try to take
   * @since 0.1.0
   */
  public Leadership leadership(String duty) {
    Objects.requireNonNull(duty, "duty");
    return switch (location) {
      case Location.File file -> Leaderships.file(file.path(), duty);
      case Location.Server server -> Leaderships.postgresql(database.dataSource(), duty);
      case Location.Host host ->
          database.dialect() == Dialect.POSTGRESQL
              ? Leaderships.postgresql(database.dataSource(), duty)
              : Leaderships.file(
                  Path.of(System.getProperty("java.io.tmpdir"), "chengis-host"), duty);
    };
  }

  /** Writes the events the event store still buffers; for tests that empty tables beside it. */
  void flushEvents() {
    events.flush();
  }

  /**
   * Deletes what the policy says, job by job; never a build that has not finished.
   *
   * @param policy what to delete
   * @return what was deleted
   * @since 0.1.0
   */
  public RetentionPolicy.Report retain(RetentionPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    events.flush();
    return Retention.apply(database, policy, clock.instant());
  }

  /**
   * The metadata of stored artifacts, for the engine ({@code
   * ChengisEngine.builder().artifactCatalog(...)}) and for hosts that list a build's artifacts.
   *
   * @return the catalog
   * @since 0.1.0
   */
  public ArtifactCatalog artifactCatalog() {
    return artifactCatalog;
  }

  /**
   * The installation's allowlist of plugin jars, for the engine's plugin registry.
   *
   * @return the trust store
   * @since 0.1.0
   */
  public PluginTrustStore pluginTrust() {
    return pluginTrust;
  }

  /**
   * Every webhook delivery received, for replay and to ignore repeats across processes.
   *
   * @return the delivery store
   * @since 0.1.0
   */
  public WebhookDeliveryStore webhookDeliveries() {
    return webhookDeliveries;
  }

  /**
   * Writes a backup: a consistent copy made while the database is in use ({@code VACUUM INTO} on
   * SQLite, {@code pg_dump --format=custom} on PostgreSQL). Never overwrites a file.
   *
   * @param target the backup file to create
   * @since 0.1.0
   */
  public void backup(Path target) {
    Objects.requireNonNull(target, "target");
    events.flush();
    switch (location) {
      case Location.File file -> Backups.sqlite(database, target);
      case Location.Server server ->
          Backups.postgresql(server.url(), server.user(), server.password(), target);
      case Location.Host host ->
          throw new StoreException(
              "backup: the stores run on the host's data source (was "
                  + database.description()
                  + "); back the database up with the host's own tools");
    }
  }

  /**
   * Replaces a SQLite database by a backup, after checking the backup. No process may have the
   * database open.
   *
   * @param backup a file {@link #backup} wrote
   * @param file the database file to replace
   * @since 0.1.0
   */
  public static void restoreSqlite(Path backup, Path file) {
    Backups.restoreSqlite(backup, file);
  }

  /**
   * Restores a PostgreSQL backup with {@code pg_restore --clean}, in one transaction.
   *
   * @param backup a file {@link #backup} wrote
   * @param jdbcUrl the database
   * @param user the user
   * @param password the password
   * @since 0.1.0
   */
  public static void restorePostgresql(Path backup, String jdbcUrl, String user, Secret password) {
    Backups.restorePostgresql(jdbcUrl, user, password, backup);
  }

  /**
   * Closes the writer and the pool the stores opened (not a host's data source).
   *
   * @since 0.1.0
   */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      events.close();
    } finally {
      database.close();
    }
  }
}
