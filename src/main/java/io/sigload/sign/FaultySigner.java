package io.sigload.sign;

import java.time.Clock;

/**
 * Wraps an in-process signer with one of the shared-state bugs of {@link SignerFault}, written as
 * a singleton service would have them:
 *
 * <ul>
 *   <li>{@link SignerFault#SHARED_CLAIMS}: the request's fields are copied into one mutable claims
 *       object owned by the signer, then read back to mint: an overlapping request overwrites
 *       them in between ({@code mn}, {@code role}, session, minting clock);</li>
 *   <li>{@link SignerFault#CACHED_TOKEN}: the minted token is stored in a field of the signer and
 *       returned from that field: an overlapping request replaces it in between, so two
 *       participants leave with the same token.</li>
 * </ul>
 *
 * The window between write and read is widened on purpose ({@link RaceWindow#widen()}).
 * Deliberately <b>not</b> thread-safe: that is the fault. Alone (one request at a time) it mints
 * exactly what the wrapped signer mints.
 */
public final class FaultySigner implements Signer {
    private final Signer inner;
    private final SignerFault fault;
    /** The shared claims object of {@link SignerFault#SHARED_CLAIMS}: plain fields, no lock. */
    private int participant;
    private String meetingNumber;
    private int role;
    private int expirationSeconds;
    private Integer videoWebRtcMode;
    private Clock clock;
    private String sessionName;
    /** The shared field of {@link SignerFault#CACHED_TOKEN}. */
    private String token;

    private FaultySigner(Signer inner, SignerFault fault) {
        this.inner = inner;
        this.fault = fault;
    }

    /**
     * The signer with the fault, when it is one of the shared-state faults this class injects.
     *
     * @param inner a thread-safe signer
     * @param fault the fault; {@link SignerFault#NONE} and {@link SignerFault#SHARED_MAC} (which
     *     lives inside the MAC computation of the signers that offer it) return {@code inner}
     */
    public static Signer wrap(Signer inner, SignerFault fault) {
        return fault == SignerFault.SHARED_CLAIMS || fault == SignerFault.CACHED_TOKEN ? new FaultySigner(inner, fault)
                : inner;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        if (fault == SignerFault.CACHED_TOKEN) {
            token = inner.sign(request);
            RaceWindow.widen();
            return token;
        }
        meetingNumber = request.meetingNumber();
        role = request.role();
        sessionName = request.sessionName();
        RaceWindow.widen();
        participant = request.participant();
        expirationSeconds = request.expirationSeconds();
        videoWebRtcMode = request.videoWebRtcMode();
        clock = request.clock();
        RaceWindow.widen();
        return inner.sign(new SignRequest(participant, meetingNumber, role, expirationSeconds, videoWebRtcMode, clock,
                sessionName));
    }

    @Override
    public String describe() {
        return inner.describe() + fault.describeSuffix();
    }

    @Override
    public void close() {
        inner.close();
    }
}
