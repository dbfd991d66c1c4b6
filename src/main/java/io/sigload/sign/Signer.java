package io.sigload.sign;

import java.time.Duration;
import java.util.Optional;

/**
 * Mints a Meeting SDK signature (compact JWS, or the legacy format) for one participant.
 *
 * <p>A functional interface: in a team's own tests a lambda is a signer, e.g.
 * {@code Signer mine = request -> myTokenService.mint(request.meetingNumber(), request.role(),
 * request.clock())} (mint on {@code request.clock()} so a skew check can move it).
 *
 * <p>Implementations must be thread-safe: a run calls {@link #sign} from many virtual threads at
 * once. They should not block a carrier thread for long in native code or class initialisation.
 * To add one, implement {@link SignerProvider} and list it in
 * {@code META-INF/services/io.sigload.sign.SignerProvider}.
 */
@FunctionalInterface
public interface Signer extends AutoCloseable {
    /**
     * Mints one token.
     *
     * @param request participant, meeting number, role, lifetime and the minting clock
     * @return the token exactly as a client would send it to Zoom
     * @throws SignException when no token can be produced (counted by category; the run goes on)
     */
    String sign(SignRequest request) throws SignException;

    /**
     * One line for reports: implementation, library version, settings (never the secret). The
     * default names the class, or says "a lambda signer" for a lambda or method reference.
     */
    default String describe() {
        Class<?> c = getClass();
        return c.isSynthetic() || c.isHidden() ? "a lambda signer" : c.getName();
    }

    /**
     * The longest one {@link #sign} call can take when the signer bounds it itself: a remote
     * endpoint's call timeout times its attempts, a child process's timeout. Empty (the default) for
     * an in-process signer, which does no I/O. The run's deadlines are derived from it
     * ({@code drive.Deadlines}).
     */
    default Optional<Duration> callBound() {
        return Optional.empty();
    }

    /** How many {@link #sign} calls this signer serves at once (a pool's size), or 0 (the default) when it does not limit them. */
    default int parallelism() {
        return 0;
    }

    /** Releases connections or processes; the default does nothing. */
    @Override
    default void close() {
    }
}
