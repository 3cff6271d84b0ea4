package io.chengis.engine.internal;

import io.chengis.api.BuildId;
import io.chengis.api.EventId;
import io.chengis.api.OrgId;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.ApprovalStore;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.EventStore;
import io.chengis.api.spi.LogStore;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.StepExecutor;
import io.chengis.engine.secrets.SecretResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Everything a build needs from its engine, fixed when the engine is built.
 *
 * @param workspaceRoot the root under which {@code <job>/<number>} workspaces are made
 * @param clock the engine's time
 * @param timers timeouts and backoff
 * @param eventIds the engine's one event id generator (ids increase across all builds)
 * @param buildIds the engine's build id generator
 * @param executors step executors by type key ({@code shell}, {@code container}, ...)
 * @param baseEnvironment the environment every step starts from
 * @param defaultStepTimeout the timeout of steps that declare none
 * @param outputBudget the largest {@code $CHENGIS_OUTPUT} file per step, in bytes
 * @param buildPermits bounds concurrent builds
 * @param stagePermits bounds concurrently running stages per build
 * @param stepPermits bounds concurrently running steps across the engine
 * @param org the organization the engine's builds belong to
 * @param buildStore where build records go
 * @param logStore where log lines go
 * @param eventStore where events go
 * @param secrets resolves {@code ${{ secrets.NAME }}} in environment values, when configured
 * @param defaultApprovalTimeout how long an approval gate without its own timeout waits
 * @param hooks the plugins' part of a build: status reports and notifications
 * @param scm checks pipeline sources out, when configured
 * @param sources the checkout bookkeeping
 * @param caches keeps dependency caches and cached stage results
 * @param approvals where approval gates and votes go
 */
public record EngineSettings(
    Path workspaceRoot,
    InstantSource clock,
    Timers timers,
    TimeOrderedIds<EventId> eventIds,
    TimeOrderedIds<BuildId> buildIds,
    Map<String, StepExecutor> executors,
    Map<String, String> baseEnvironment,
    Duration defaultStepTimeout,
    long outputBudget,
    Semaphore buildPermits,
    int stagePermits,
    Semaphore stepPermits,
    OrgId org,
    BuildStore buildStore,
    LogStore logStore,
    EventStore eventStore,
    Optional<SecretResolver> secrets,
    Duration defaultApprovalTimeout,
    PluginHooks hooks,
    Optional<ScmProvider> scm,
    SourceCheckout sources,
    ArtifactSettings artifacts,
    CacheStore caches,
    ApprovalStore approvals) {}
