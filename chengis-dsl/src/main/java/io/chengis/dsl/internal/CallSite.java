package io.chengis.dsl.internal;

import io.chengis.api.SourceLocation;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the pipeline author's call site: the first stack frame whose class was not loaded from the
 * DSL's own code source (jar or classes directory). JDK frames are skipped too, so the frame found
 * is the author's lambda or method.
 */
public final class CallSite {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Optional<CodeSource> DSL_SOURCE = codeSource(CallSite.class);

  /** Whether a class belongs to the DSL itself (or the JDK); computed once per class. */
  private static final ClassValue<Boolean> INTERNAL =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          Module module = type.getModule();
          if (module.isNamed() && module.getName().startsWith("java.")) {
            return true;
          }
          Optional<CodeSource> source = codeSource(type);
          return source.isEmpty() || Objects.equals(source, DSL_SOURCE);
        }
      };

  private CallSite() {}

  /**
   * The location of the nearest caller outside the DSL.
   *
   * @return {@code File.java:line}, or {@link SourceLocation#unknown()} when no frame qualifies
   */
  public static SourceLocation capture() {
    return WALKER.walk(
        frames ->
            frames
                .filter(frame -> !INTERNAL.get(frame.getDeclaringClass()))
                .findFirst()
                .map(
                    frame ->
                        SourceLocation.of(
                            frame.getFileName() != null
                                ? frame.getFileName()
                                : frame.getClassName(),
                            Math.max(frame.getLineNumber(), 0)))
                .orElse(SourceLocation.unknown()));
  }

  private static Optional<CodeSource> codeSource(Class<?> type) {
    return Optional.ofNullable(type.getProtectionDomain().getCodeSource());
  }
}
