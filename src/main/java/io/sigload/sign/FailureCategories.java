package io.sigload.sign;

import java.util.List;

/**
 * The categories under which a participant without a verdict is counted ({@link SignException#category()}
 * and the driver's own). Reports group by them; thresholds ({@code count(CATEGORY)}) accept them.
 */
public final class FailureCategories {
    private FailureCategories() {
    }

    /** Every category the built-in signers and the driver use, grouped by origin. */
    public static final List<String> ALL = List.of(
            // any in-process signer
            "MINT_ERROR",
            // http signer
            "CONNECTION_REFUSED", "CONNECT_TIMEOUT", "READ_TIMEOUT", "HTTP_3XX", "HTTP_4XX", "HTTP_5XX",
            "BAD_CONTENT_TYPE", "UNPARSEABLE_BODY", "BODY_TOO_LARGE", "TOKEN_MISSING", "TRANSPORT_ERROR",
            "TLS_UNTRUSTED_CERTIFICATE", "TLS_HOSTNAME_MISMATCH", "TLS_CERTIFICATE_EXPIRED", "TLS_TO_PLAIN_PORT",
            "TLS_HANDSHAKE_FAILED", "PORTS_EXHAUSTED", "HTTP2_NOT_SUPPORTED",
            // process signer
            "PROCESS_EXITED", "PROCESS_BAD_OUTPUT", "PROCESS_TIMEOUT", "PROCESS_ERROR", "SIGNER_CLOSED",
            // the driver
            "SIGNER_CRASH", "VALIDATOR_CRASH", "PARTICIPANT_CRASH", "INTERRUPTED");
}
