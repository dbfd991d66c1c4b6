package io.sigload.threshold;

import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;

/** A run's thresholds: the scenario's {@code thresholds:} list, then the command line's {@code --assert}s. */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * Parses every threshold before anything runs.
     *
     * @param scenario its {@code thresholds:} come first
     * @param asserts {@code --assert EXPR} texts
     * @throws ScenarioException naming the file and {@code thresholds[i]} for every bad scenario threshold
     * @throws ThresholdException for the first bad {@code --assert}, its message starting with {@code --assert}
     */
    public static List<Threshold> parse(Scenario scenario, List<String> asserts) throws ScenarioException, ThresholdException {
        List<Threshold> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < scenario.thresholds().size(); i++) {
            try {
                out.add(Threshold.parse(scenario.thresholds().get(i)));
            } catch (ThresholdException e) {
                problems.add(scenario.source() + ": thresholds[" + i + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        for (String a : asserts) {
            try {
                out.add(Threshold.parse(a));
            } catch (ThresholdException e) {
                throw new ThresholdException("--assert: " + e.getMessage());
            }
        }
        return out;
    }
}
