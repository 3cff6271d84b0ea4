package io.chengis.engine.internal;

import io.chengis.api.CronSchedule;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Pipeline;
import io.chengis.api.Trigger;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.ScheduleKey;
import io.chengis.api.spi.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The cron triggers of registered jobs: each is armed as one timer for its next occurrence, which
 * starts a build and arms the next. The timers go through the engine's {@link Timers}, so under the
 * test kit's virtual time a schedule fires as soon as nothing else is running.
 *
 * <p>Every trigger keeps its last slot in a {@link ScheduleStore} (decision 39): a slot's build
 * starts only when its claim in the store succeeds, so a restarted engine, or a second one on the
 * same store, never starts a slot twice. Arming a trigger the store has never seen records the
 * current instant, so that slots from then on count; arming one whose next slot after the recorded
 * one has already passed (the engine was down) starts one catch-up build for all the missed slots.
 * A store that cannot answer is logged and does not stop the schedule: the build then starts
 * without its claim.
 *
 * <p>Thread-safe.
 */
public final class CronTriggers {
  private static final System.Logger LOG = System.getLogger(CronTriggers.class.getName());

  private final Timers timers;
  private final InstantSource clock;
  private final ZoneId zone;
  private final OrgId org;
  private final ScheduleStore store;
  private final BiConsumer<JobId, String> fire;
  private final Map<JobId, List<Timers.Scheduled>> armed = new ConcurrentHashMap<>();

  /**
   * Cron triggers that start builds with {@code fire(job, expression)}.
   *
   * @param timers where the timers wait
   * @param clock the engine's clock
   * @param zone the zone cron expressions are read in
   * @param org the organization of the engine's jobs
   * @param store where each trigger's last slot is kept
   * @param fire starts a build of the job, given how the trigger is described; its failures are
   *     logged, never thrown
   */
  public CronTriggers(
      Timers timers,
      InstantSource clock,
      ZoneId zone,
      OrgId org,
      ScheduleStore store,
      BiConsumer<JobId, String> fire) {
    this.timers = timers;
    this.clock = clock;
    this.zone = zone;
    this.org = org;
    this.store = store;
    this.fire = fire;
  }

  /** Arms the cron triggers of a job, replacing those of an earlier registration. */
  public void arm(JobId job, Pipeline pipeline) {
    disarm(job);
    List<Timers.Scheduled> timersOfJob = new ArrayList<>();
    armed.put(job, timersOfJob);
    for (Trigger trigger : pipeline.triggers()) {
      if (trigger instanceof Trigger.Cron cron) {
        CronSchedule schedule = CronSchedule.parse(cron.expression());
        ScheduleKey key = new ScheduleKey(new JobRef(org, job), cron.expression());
        Instant now = clock.instant();
        catchUp(key, schedule, now);
        armNext(key, schedule, now, timersOfJob);
      }
    }
  }

  /** Starts one build for the slots a trigger missed before {@code now}, if it missed any. */
  private void catchUp(ScheduleKey key, CronSchedule schedule, Instant now) {
    Optional<Instant> last;
    try {
      last = store.lastSlot(key);
    } catch (RuntimeException failed) {
      warn(key, "its last slot could not be read, so missed slots are not caught up", failed);
      return;
    }
    if (last.isEmpty()) {
      // Never seen: slots count from now on.
      claim(key, now);
      return;
    }
    Optional<ZonedDateTime> missed = schedule.next(last.get().atZone(zone));
    if (missed.isPresent() && !missed.get().toInstant().isAfter(now) && claim(key, now)) {
      start(
          key,
          key.expression()
              + " (catch-up for the slots missed since "
              + missed.get().toInstant()
              + ")");
    }
  }

  /** Claims a slot; a store that cannot answer counts as a claim, so no slot is dropped. */
  private boolean claim(ScheduleKey key, Instant slot) {
    try {
      return store.claim(key, slot);
    } catch (RuntimeException failed) {
      warn(key, "its slot " + slot + " could not be recorded, so it may start twice", failed);
      return true;
    }
  }

  private void start(ScheduleKey key, String description) {
    try {
      fire.accept(key.job().jobId(), description);
    } catch (RuntimeException failed) {
      LOG.log(
          System.Logger.Level.WARNING,
          "scheduled build of {0} ({1}) did not start: {2}",
          key.job().jobId(),
          description,
          failed.getMessage());
    }
  }

  private static void warn(ScheduleKey key, String what, RuntimeException failed) {
    LOG.log(
        System.Logger.Level.WARNING,
        "schedule {0} of {1}: {2} (was {3})",
        key.expression(),
        key.job().jobId(),
        what,
        failed.getMessage());
  }

  private void armNext(
      ScheduleKey key, CronSchedule schedule, Instant after, List<Timers.Scheduled> timersOfJob) {
    JobId job = key.job().jobId();
    Optional<ZonedDateTime> next = schedule.next(after.atZone(zone));
    if (next.isEmpty()) {
      return;
    }
    Instant at = next.get().toInstant();
    Duration delay = Duration.between(clock.instant(), at);
    Timers.Scheduled scheduled =
        timers.after(
            delay.isNegative() ? Duration.ZERO : delay,
            () -> {
              if (armed.get(job) != timersOfJob) {
                return; // replaced or disarmed meanwhile
              }
              if (claim(key, at)) {
                start(key, key.expression());
              }
              armNext(key, schedule, at, timersOfJob);
            });
    synchronized (timersOfJob) {
      timersOfJob.add(scheduled);
    }
  }

  /** Cancels the cron triggers of a job. */
  public void disarm(JobId job) {
    List<Timers.Scheduled> previous = armed.remove(job);
    if (previous != null) {
      synchronized (previous) {
        previous.forEach(Timers.Scheduled::cancel);
      }
    }
  }

  /** Cancels every cron trigger. */
  public void close() {
    List.copyOf(armed.keySet()).forEach(this::disarm);
  }
}
