package io.sigload.report;

/**
 * What was run, for the report's header.
 *
 * @param scenario scenario name
 * @param source scenario file
 * @param seed the plan's seed
 * @param participants participants planned
 * @param signer the signer's {@code describe()}
 * @param mintedOn {@code server} or {@code client}
 * @param profile validator profile
 * @param loadModel {@code burst} or {@code arrival-rate}
 * @param timeMode {@code simulated} or {@code wall}
 * @param meetingNumber the meeting number the participants join (digits)
 * @param inspectOptions {@code inspect} options that judge a token as this run's validator did: the
 *     secret's source ({@code --demo-secret}, {@code --secret-env VAR}, {@code --secret-file PATH}; a
 *     name, never the secret) and {@code --iat-leeway N} when not 0; may be empty
 */
public record RunContext(String scenario, String source, long seed, int participants, String signer, String mintedOn,
        String profile, String loadModel, String timeMode, String meetingNumber, String inspectOptions) {
}
