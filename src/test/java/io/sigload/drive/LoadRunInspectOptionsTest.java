package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's "explain one" hint must give inspect what the run's validator used. */
class LoadRunInspectOptionsTest {
    private static String options(String yaml, String source) throws Exception {
        return LoadRun.inspectOptions(ScenarioLoader.parse(yaml, source, List.of()));
    }

    @Test
    void demoSecret() throws Exception {
        assertThat(options("participants: 3\ncredentials: {demoSecret: true}\n", "/s/x.yaml")).isEqualTo("--demo-secret");
    }

    @Test
    void theValidatorsOwnSecretWinsOverTheSigners() throws Exception {
        assertThat(options("participants: 3\ncredentials: {secretEnv: A, validatorSecretEnv: B}\n", "/s/x.yaml"))
                .isEqualTo("--secret-env B");
    }

    @Test
    void aSecretFileIsResolvedAgainstTheScenarioAndQuotedWhenItNeedsIt() throws Exception {
        assertThat(options("participants: 3\ncredentials: {secretFile: sec.txt}\n", "/s/x.yaml"))
                .isEqualTo("--secret-file /s/sec.txt");
        assertThat(options("participants: 3\ncredentials: {secretFile: \"my sec.txt\"}\n", "/s/x.yaml"))
                .isEqualTo("--secret-file '/s/my sec.txt'");
    }

    @Test
    void aLeewayIsPassedOn() throws Exception {
        assertThat(options("participants: 3\ncredentials: {demoSecret: true}\nvalidator: {iatLeewaySeconds: 60}\n",
                "/s/x.yaml")).isEqualTo("--demo-secret --iat-leeway 60");
    }
}
