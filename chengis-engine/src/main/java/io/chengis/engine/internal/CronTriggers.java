package io.chengis.engine.internal;

import io.chengis.api.CronSchedule;
import io.chengis.api.JobId;
import io.chengis.api.Pipeline;
import io.chengis.api.Trigger;
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
 * <p>Thread-safe.
 */
public final class CronTriggers {
  private static final System.Logger LOG = System.getLogger(CronTriggers.class.getName());

  private final Timers timers;
  private final InstantSource clock;
  private final ZoneId zone;
  private final BiConsumer<JobId, String> fire;
  private final Map<JobId, List<Timers.Scheduled>> armed = new ConcurrentHashMap<>();

  /**
   * Cron triggers that start builds with {@code fire(job, expression)}.
   *
   * @param timers where the timers wait
   * @param clock the engine's clock
   * @param zone the zone cron expressions are read in
   * @param fire starts a build of the job; its failures are logged, never thrown
   */
  public CronTriggers(
      Timers timers, InstantSource clock, ZoneId zone, BiConsumer<JobId, String> fire) {
    this.timers = timers;
    this.clock = clock;
    this.zone = zone;
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
        armNext(job, cron.expression(), schedule, clock.instant(), timersOfJob);
      }
    }
  }

  private void armNext(
      JobId job,
      String expression,
      CronSchedule schedule,
      Instant after,
      List<Timers.Scheduled> timersOfJob) {
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
              try {
                fire.accept(job, expression);
              } catch (RuntimeException failed) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "scheduled build of {0} ({1}) did not start: {2}",
                    job,
                    expression,
                    failed.getMessage());
              }
              armNext(job, expression, schedule, at, timersOfJob);
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
