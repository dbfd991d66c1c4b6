package io.sigload.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sigload run SCENARIO}: the main job. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Burst participants, mint, validate, report.")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("run is being written");
    }
}
