package io.sigload.skew;

import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.TokenFormatException;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link SkewProbe} over a real {@link Signer} and the Zoom {@link Validator}.
 *
 * <p>Two ways to create a skew ({@link Mode}):
 * <ul>
 *   <li>{@link Mode#MINTING_CLOCK} (in-process signers, which read {@link SignRequest#clock()}):
 *   sample {@code i} has the validator's instant {@code V_i} spread over the span (see
 *   {@link #sampleInstant}), the token is minted on {@code Clock.fixed(V_i + skew)} and validated at
 *   {@code V_i} truncated to whole seconds.</li>
 *   <li>{@link Mode#VALIDATOR_CLOCK} (remote signers, which mint on their own clock): a pool of
 *   tokens is minted once on the real clock and each is validated at {@code mintInstant - skew},
 *   i.e. the validator's clock is moved by {@code -skew}. This assumes the signer's clock agrees
 *   with this machine's; the skew is relative to this machine's clock.</li>
 * </ul>
 *
 * <p>Thread-safe: a sweep may probe several skews at once (the signer is thread-safe; the remote
 * pool is minted once, concurrently). Counts every token it mints in {@link #tokensTried()} (for
 * progress) and every mint that gave no token, so a sweep can give up on a failing signer
 * ({@link #failingNote()}).
 */
public final class SignerProbe implements SkewProbe {
    /** How the skew is produced. */
    public enum Mode {
        /** The request's minting clock is moved; the signer honours {@link SignRequest#clock()}. */
        MINTING_CLOCK,
        /** The validator's clock is moved; the signer mints on its own clock. */
        VALIDATOR_CLOCK
    }

    /** Tokens in the pool of a remote signer, at most. */
    public static final int REMOTE_POOL = 8;
    /** Mints without a single token before {@link #failingNote()} says to give up. */
    public static final int GIVE_UP_AFTER = 4;

    private final Signer signer;
    private final SkewSettings settings;
    private final Mode mode;
    private final Validator validator = Validator.zoom();
    private volatile List<Minted> pool;
    private final LongAdder tried = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder minted = new LongAdder();
    private final LongAdder noToken = new LongAdder();
    private final Map<String, LongAdder> noTokenBy = new ConcurrentHashMap<>();

    private record Minted(Instant at, String token, String error) {
    }

    /**
     * @param signer the signer (not closed by the probe)
     * @param settings join parameters, validator profile, sampling
     * @param mode how the skew is produced; see {@link #detectMode}
     */
    public SignerProbe(Signer signer, SkewSettings settings, Mode mode) {
        this.signer = signer;
        this.settings = settings;
        this.mode = mode;
    }

    /** A probe whose mode is found with {@link #detectMode}. */
    public static SignerProbe of(Signer signer, SkewSettings settings) {
        return new SignerProbe(signer, settings, detectMode(signer, settings));
    }

    /**
     * Whether the signer mints on the clock it is given: two tokens minted on clocks one day apart
     * must have {@code iat} about 86400 s apart. Tokens whose {@code iat} cannot be read (legacy
     * signatures) and signers that fail here count as honouring the clock.
     */
    public static Mode detectMode(Signer signer, SkewSettings settings) {
        Instant b = settings.base();
        Double[] iats = new Double[2];
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) { // at once: a slow signer costs one call
            exec.execute(() -> iats[0] = iat(signer, settings, b));
            exec.execute(() -> iats[1] = iat(signer, settings, b.minus(Duration.ofDays(1))));
        }
        Double a = iats[0];
        Double c = iats[1];
        if (a == null || c == null) {
            return Mode.MINTING_CLOCK;
        }
        return Math.abs(a - c - 86_400) < 3_600 ? Mode.MINTING_CLOCK : Mode.VALIDATOR_CLOCK;
    }

    private static Double iat(Signer signer, SkewSettings s, Instant at) {
        try {
            DecodedToken t = CompactJws.decode(signer.sign(request(s, Clock.fixed(at, ZoneOffset.UTC))));
            var iat = t.payload() == null ? null : t.payload().get("iat");
            return iat != null && iat.isNumber() ? iat.asDouble() : null;
        } catch (SignException | TokenFormatException | RuntimeException e) {
            return null;
        }
    }

    /** The mode this probe uses. */
    public Mode mode() {
        return mode;
    }

    /** Tokens minted and validated so far; readable from any thread (for progress lines). */
    public long tokensTried() {
        return tried.sum();
    }

    /** Tokens accepted so far; readable from any thread. */
    public long tokensAccepted() {
        return accepted.sum();
    }

    /**
     * Why a sweep should give up on this signer: every one of at least {@value #GIVE_UP_AFTER} mints
     * so far gave no token (a failing endpoint, a dead child). {@code null} while it gives tokens.
     */
    public String failingNote() {
        long failed = noToken.sum();
        if (failed < GIVE_UP_AFTER || minted.sum() > 0) {
            return null;
        }
        return "the signer gave no token in " + failed + " tries (" + new TreeMap<>(counts()) + ")";
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        noTokenBy.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private void noToken(String category) {
        noToken.increment();
        noTokenBy.computeIfAbsent(category, k -> new LongAdder()).increment();
    }

    @Override
    public SkewStep probe(long skewSeconds) {
        return mode == Mode.MINTING_CLOCK ? probeMinting(skewSeconds) : probeValidator(skewSeconds);
    }

    private SkewStep probeMinting(long skew) {
        Map<String, Integer> reasons = new HashMap<>();
        int ok = 0;
        int n = settings.samples();
        for (int i = 0; i < n; i++) {
            Instant v = sampleInstant(i);
            String token;
            try {
                token = signer.sign(request(settings, Clock.fixed(v.plusSeconds(skew), ZoneOffset.UTC)));
                minted.increment();
            } catch (SignException e) {
                reasons.merge(e.category(), 1, Integer::sum);
                noToken(e.category());
                continue;
            } catch (RuntimeException e) {
                reasons.merge("SIGNER_CRASH", 1, Integer::sum);
                noToken("SIGNER_CRASH");
                continue;
            } finally {
                tried.increment();
            }
            ok += judge(token, v, reasons) ? 1 : 0;
        }
        return new SkewStep(skew, n, ok, reasons);
    }

    private SkewStep probeValidator(long skew) {
        List<Minted> p = pool();
        Map<String, Integer> reasons = new HashMap<>();
        int ok = 0;
        for (Minted m : p) {
            tried.increment();
            if (m.error() != null) {
                reasons.merge(m.error(), 1, Integer::sum);
            } else {
                ok += judge(m.token(), m.at().minusSeconds(skew), reasons) ? 1 : 0;
            }
        }
        return new SkewStep(skew, p.size(), ok, reasons);
    }

    private List<Minted> pool() {
        List<Minted> p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = mintPool();
                    pool = p;
                }
            }
        }
        return p;
    }

    /** The remote pool, minted at once (a silent endpoint costs one call timeout, not eight). */
    private List<Minted> mintPool() {
        int n = Math.min(settings.samples(), REMOTE_POOL);
        List<Minted> out = new ArrayList<>(Collections.nCopies(n, null));
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                final int k = i;
                exec.execute(() -> out.set(k, mintOne()));
            }
        }
        return List.copyOf(out);
    }

    private Minted mintOne() {
        long t0 = System.currentTimeMillis();
        try {
            String token = signer.sign(request(settings, Clock.systemUTC()));
            long t1 = System.currentTimeMillis();
            minted.increment();
            return new Minted(Instant.ofEpochMilli((t0 + t1) / 2), token, null);
        } catch (SignException e) {
            noToken(e.category());
            return new Minted(null, null, e.category());
        } catch (RuntimeException e) {
            noToken("SIGNER_CRASH");
            return new Minted(null, null, "SIGNER_CRASH");
        }
    }

    /** Validates at the validator's instant (truncated to whole seconds); counts error codes. */
    private boolean judge(String token, Instant validatorNow, Map<String, Integer> reasons) {
        Verdict v = validator.validate(token, settings.context(validatorNow.truncatedTo(ChronoUnit.SECONDS)));
        for (ReasonCode c : v.errorCodes()) {
            reasons.merge(c.name(), 1, Integer::sum);
        }
        if (v.valid()) {
            accepted.increment();
        }
        return v.valid();
    }

    /**
     * Sample {@code i}'s validator instant: {@code base + frac(i·φ)·span} (a golden-ratio sequence:
     * evenly spread, never in step with a 128 s grid), with a millisecond part that varies too.
     */
    Instant sampleInstant(int i) {
        double golden = (i * 0.6180339887498949) % 1.0;
        long offset = (long) (golden * settings.spanSeconds()) * 1000;
        return settings.base().plusMillis(offset + (i * 379L) % 1000);
    }

    private static SignRequest request(SkewSettings s, Clock clock) {
        return new SignRequest(0, s.meetingNumber(), s.role(), s.expirationSeconds(), null, clock);
    }
}
