package io.sigload.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to compare ({@link CompareRunner}).
 *
 * @param fork run each signer in a child JVM (else in this JVM after a warm-up run)
 * @param skewFrom skew window sweep start, or {@code null} to skip the sweeps
 * @param skewTo skew window sweep end
 * @param env this process's environment (secrets come from here)
 * @param childEnv variables added for child JVMs
 * @param workDir where child reports are written
 */
public record CompareSettings(boolean fork, Duration skewFrom, Duration skewTo, Map<String, String> env,
        Map<String, String> childEnv, Path workDir) {
}
