/**
 * Scenarios: the YAML files in {@code scenarios/}, loaded into an immutable {@link io.sigload.scenario.Scenario}.
 *
 * <p>{@link io.sigload.scenario.ScenarioLoader} reads the YAML into a tree, applies
 * {@code --set path=value} overrides, and checks every field, collecting every problem with the
 * file, line and column where the parser knows them, the field's path, what was found and what is
 * allowed ("did you mean ...?"). Defaults are in {@link io.sigload.scenario.Defaults}.
 */
package io.sigload.scenario;
