package io.sigload.cli;

import io.sigload.drive.LoadRun;
import io.sigload.report.ConsoleReport;
import io.sigload.report.JsonReport;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sigload run SCENARIO}: the main job. Parses, runs the engine ({@link LoadRun}), prints
 * the report, writes the files asked for, and maps the outcome to an exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Burst many participants at once on virtual threads, mint a signature for each on its own",
            "clock, validate every token as Zoom would, and say who fails and why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (failing participants are findings)",
            "1:a threshold (--assert or the scenario's thresholds) failed",
            "2:bad usage or a bad scenario"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. scenarios/thirty-users.yaml")
    Path scenarioFile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the plan (overrides the scenario's).")
    Long seed;

    @Option(names = "--participants", paramLabel = "N", description = "Participant count (overrides the scenario's).")
    Integer participants;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override any scenario value, e.g. --set signer.iat=floor --set clocks.server=90s")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the machine-readable report here.")
    Path json;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> all = new ArrayList<>(sets);
        if (participants != null) {
            all.add("participants=" + participants);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        Scenario scenario = ScenarioLoader.load(scenarioFile, all);
        RunResult result;
        try (LoadRun run = LoadRun.prepare(scenario, System.getenv())) {
            result = run.run(null);
        }
        ConsoleReport.print(result, out);
        if (json != null) {
            try {
                JsonReport.write(result, json);
            } catch (IOException e) {
                throw new UsageException("cannot write --json " + json + ": " + e.getMessage());
            }
        }
        return Main.OK;
    }
}
