package io.chengis.dsl;

import io.chengis.api.ParameterType;
import io.chengis.dsl.internal.CallSite;
import java.util.List;
import java.util.Optional;

/**
 * Factories for build parameters: {@code p.parameter(choice("env", "dev",
 * "prod").description("Target"))}. Steps see a parameter as {@code PARAM_<NAME>}.
 *
 * @since 0.1.0
 */
public final class Parameters {
  private Parameters() {}

  /**
   * A free-text parameter; required unless given a default.
   *
   * @param name the parameter name
   * @return the parameter builder
   */
  public static ParameterBuilder text(String name) {
    return new ParameterBuilder(
        name, ParameterType.TEXT, List.of(), Optional.empty(), CallSite.capture());
  }

  /**
   * A choice parameter; its default is the first choice unless set otherwise.
   *
   * @param name the parameter name
   * @param choices the allowed values, in order
   * @return the parameter builder
   */
  public static ParameterBuilder choice(String name, String... choices) {
    List<String> values = List.of(choices);
    return new ParameterBuilder(
        name, ParameterType.CHOICE, values, values.stream().findFirst(), CallSite.capture());
  }

  /**
   * A boolean parameter; its default is {@code false} unless set otherwise.
   *
   * @param name the parameter name
   * @return the parameter builder
   */
  public static ParameterBuilder bool(String name) {
    return new ParameterBuilder(
        name, ParameterType.BOOLEAN, List.of(), Optional.of("false"), CallSite.capture());
  }

  /**
   * A number parameter; required unless given a default.
   *
   * @param name the parameter name
   * @return the parameter builder
   */
  public static ParameterBuilder number(String name) {
    return new ParameterBuilder(
        name, ParameterType.NUMBER, List.of(), Optional.empty(), CallSite.capture());
  }
}
