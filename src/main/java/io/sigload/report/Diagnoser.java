package io.sigload.report;

import io.sigload.clock.Durations;
import io.sigload.report.Cause.Estimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Diagnoses a run blind: from its verdict counts, its {@link Evidence} (tokens' iat against the mint
 * instants, the validator's clock and the participants' simulated clocks), its mint errors and what a
 * one-at-a-time replay showed. Never from the signer's settings: the only setting it accepts is the
 * language to write fixes in ({@link Diagnosis.FixLanguage}), labelled as such. The method and its
 * thresholds are in docs/diagnosis.md.
 *
 * <ul>
 *   <li>{@link CauseCode#CLIENT_CLOCKS}: refused and accepted participants separated by their own
 *       clock skew: rank AUC with its chance, and a fitted boundary that tolerates the sub-second
 *       edge (the best threshold, the band of thresholds within the noise of the best).</li>
 *   <li>A constant offset of iat from the mint instants (97% of tokens within a 1.5 s window):
 *       {@link CauseCode#SERVER_CLOCK_OFFSET} with a 95% interval (tokens minted in the same second
 *       count once), {@link CauseCode#IAT_ROUNDED_UP} for an offset of +0.5 s, {@link CauseCode#TIMEZONE}
 *       for whole quarter hours.</li>
 *   <li>{@link CauseCode#FLOAT_ROUNDING}: distinct iat values concentrated on one residue mod 128 beyond
 *       chance (binomial tail against uniform residues, and the likelihood ratio).</li>
 *   <li>Reason codes that name their cause directly (a secret's encoding, a claim's type or unit,
 *       the token's form), mint errors, and the replay's evidence
 *       ({@link CauseCode#NOT_THREAD_SAFE}, {@link CauseCode#TOKEN_REUSED}).</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class Diagnoser {
    /** Width of the window a constant clock offset stays in: floor or round (1 s), bins, call time. */
    static final double WINDOW = 1.5;
    /** Share of tokens inside that window for iat to count as a constant offset from the mint instants. */
    static final double CONCENTRATED = 0.97;
    /** Standard deviation of {@code floor(t) - t} for uniform sub-second fractions, s. */
    static final double FLOOR_SD = Math.sqrt(1 / 12.0);
    private static final double QUARTER = 900;

    private Diagnoser() {
    }

    /**
     * Diagnoses a run.
     *
     * @param r the run's result (its diagnosis is ignored)
     * @param language the language to write fixes in, and what chose it; never evidence
     * @return the causes, strongest first, and the paragraph built from them
     */
    public static Diagnosis explain(RunResult r, Diagnosis.FixLanguage language) {
        return new Run(r, language == null ? Diagnosis.FixLanguage.NEUTRAL_HINT : language).diagnose();
    }

    /** One diagnosis in progress. */
    private static final class Run {
        final RunResult r;
        final Verdicts v;
        final Evidence e;
        final Diagnosis.FixLanguage lang;
        final String l;
        final List<Cause> causes = new ArrayList<>();
        final List<Cause> fragile = new ArrayList<>();
        final List<String> thin = new ArrayList<>();
        /** Refusals per reason code that a named cause accounts for (or INCONCLUSIVE names), at most the count. */
        final Map<String, Long> covered = new LinkedHashMap<>();
        /** Why refusals of a reason code are left unexplained, when known (e.g. the side of a boundary). */
        final Map<String, String> uncoveredWhy = new LinkedHashMap<>();
        /** Sentences on hints whose cause the diagnosis rules out (hints are per token; causes weigh all). */
        final List<String> hintNotes = new ArrayList<>();
        long futureEx;
        long expiredEx;
        /** The concentrated iat offset the time causes read, and whether on the participants' own clocks. */
        Fit reading;
        boolean readingOnOwn;
        /** The float-grid test's numbers: modal residue, its count, distinct values, chance; n = 0 when untested. */
        int floatResidue;
        long floatOnGrid;
        long floatDistinct;
        double floatChance = 1;
        /** A constant offset from the request instants (the minting server's clock) was named. */
        boolean serverClock;
        /** Why the replay rules out a cause in the secret, when it does; else {@code null}. */
        String secretRuledOut;

        Run(RunResult r, Diagnosis.FixLanguage lang) {
            this.r = r;
            this.v = r.verdicts();
            this.e = r.evidence();
            this.lang = lang;
            this.l = lang.language();
        }

        long reason(String code) {
            return v.byReason().getOrDefault(code, 0L);
        }

        Diagnosis diagnose() {
            if (v.completed() == 0) {
                return new Diagnosis("No participant finished: nothing to diagnose.", List.of(), lang);
            }
            time();
            signatures();
            direct();
            replay();
            mintErrors();
            fragileTokens();
            hintNotes();
            List<Cause> all = new ArrayList<>(order(causes));
            all.addAll(fragile);
            return new Diagnosis(text(all), all, lang);
        }

        // ---------------------------------------------------------------- time
        void time() {
            long future = reason("IAT_IN_FUTURE");
            long expired = reason("EXPIRED");
            if (future + expired == 0) {
                roundedButAccepted();
                return;
            }
            long timeRefused = e.skews("IAT_IN_FUTURE").total() + e.skews("EXPIRED").total();
            Separation up = Separation.of(e.skews("IAT_IN_FUTURE"), e.skews("VALID"), true);
            Separation down = Separation.of(e.skews("EXPIRED"), e.skews("VALID"), false);
            boolean clientUp = up.holds();
            boolean clientDown = down.holds();
            Fit server = Fit.of(e.iatMinusMint(), Math.max(1, e.distinctMintSecond().estimate()));
            Fit own = Fit.of(e.iatMinusOwnClock(), Math.max(1, e.tokens()));
            long explained = 0;
            boolean clients = clientUp || clientDown;
            if (clients) {
                explained += clientClocks(up, down, own, server);
                futureEx += clientUp ? up.explains() : 0;
                expiredEx += clientDown ? down.explains() : 0;
                if (clientUp && up.refused() > up.explains()) {
                    uncoveredWhy.put("IAT_IN_FUTURE", "refused participants on the accepted side of the clock boundary"
                            + " (own clock fast by less than " + duration(Math.abs(up.threshold())) + ")");
                }
                if (clientDown && down.refused() > down.explains()) {
                    uncoveredWhy.put("EXPIRED", "refused participants on the accepted side of the clock boundary"
                            + " (own clock slow by less than " + duration(Math.abs(down.threshold())) + ")");
                }
                timezoneOfClocks();
            }
            Fit reading = clients ? (own.concentrated() ? own : null)
                    : server.concentrated() ? server
                    : own.concentrated() && own.share() > server.share() + 0.02 ? own : null;
            boolean onOwn = reading != null && reading == own;
            this.reading = reading != null ? reading : own.concentrated() ? own : server.concentrated() ? server : null;
            this.readingOnOwn = this.reading == own;
            if (reading != null) {
                explained += offset(reading, onOwn, clients, future - (clientUp ? up.explains() : 0),
                        expired - (clientDown ? down.explains() : 0));
            }
            explained += floatGrid(future - (clientUp ? up.explains() : 0));
            if (!clients && reading == null) {
                explained += zonesPerToken(timeRefused);
            }
            long rest = future + expired - explained;
            if (rest > 0 && rest >= 0.2 * (future + expired)) {
                inconclusiveTime(rest, future + expired, up, server, own);
                futureEx = future;
                expiredEx = expired;
            }
            cover("IAT_IN_FUTURE", futureEx);
            cover("EXPIRED", expiredEx);
        }

        /** Records that named causes account for {@code n} refusals with {@code reason} (the largest claim counts). */
        void cover(String reason, long n) {
            long k = Math.min(Math.max(0, n), reason(reason));
            if (k > 0) {
                covered.merge(reason, k, Math::max);
            }
        }

        /** No time refusal, yet iat runs ahead of the mint instants by rounding: fragile tokens. */
        void roundedButAccepted() {
            Fit server = Fit.of(e.iatMinusMint(), Math.max(1, e.distinctMintSecond().estimate()));
            Fit own = Fit.of(e.iatMinusOwnClock(), Math.max(1, e.tokens()));
            Fit f = server.concentrated() ? server : own.concentrated() ? own : null;
            if (f == null || Math.abs(f.delta() - 0.5) > 0.2) {
                return;
            }
            double chance = 2 * Stats.upperNormal(Math.abs(f.mean() + 0.5) / f.se());
            if (chance >= 1e-3) {
                return;
            }
            OffsetHistogram h = f == server ? e.iatMinusMint() : e.iatMinusOwnClock();
            long ahead = h.countIn(0.0, 1.0);
            double[] ci = f.interval();
            fragile.add(cause(CauseCode.IAT_ROUNDED_UP, ahead, e.tokens(), "mean of iat minus the minting instant"
                    + " against floor's -0.5 s", f.mean(), chance, new Estimate("iat minus the minting instant (mean;"
                    + " floor gives -0.5 s, round 0 s)", round2(f.mean()), round2(ci[0] - 0.5), round2(ci[1] - 0.5), "s",
                    "95% normal, tokens minted in the same second counted once", Double.NaN), null,
                    String.format(Locale.ROOT, "No token was refused, but %d of %d carry an iat ahead of the instant they"
                    + " were minted (iat minus mint instant centred on %s s, where floor gives -0.5 s; %d samples,"
                    + " chance %s): the seconds are rounded (Math.round) instead of floored, and a token checked within"
                    + " the same second is refused.", ahead, e.tokens(), signed2(f.mean()), f.samples(),
                    chance(chance)), fix(CauseCode.IAT_ROUNDED_UP, ""), Map.of()));
        }

        long clientClocks(Separation up, Separation down, Fit own, Fit server) {
            long explains = (up.holds() ? up.explains() : 0) + (down.holds() ? down.explains() : 0);
            StringBuilder t = new StringBuilder();
            Map<String, Object> n = new LinkedHashMap<>();
            Separation main = up.holds() ? up : down;
            if (up.holds()) {
                t.append(String.format(Locale.ROOT, "Participants whose own clock is fast beyond %s are refused"
                        + " with IAT_IN_FUTURE (%d of %d such refusals%s)", boundary(up), up.explains(), up.refused(),
                        up.falsePositives() == 0 ? "" : ", " + up.falsePositives() + " accepted beyond the boundary:"
                                + " the sub-second edge of delivery delays"));
                n.put("fastBoundarySeconds", round1(up.threshold()));
                n.put("aucFast", round3(up.auc()));
            }
            if (down.holds()) {
                t.append(t.isEmpty() ? "Participants" : ", and participants").append(String.format(Locale.ROOT,
                        " whose own clock is slow beyond %s are refused with EXPIRED (%d of %d%s)",
                        boundary(down), down.explains(), down.refused(), down.falsePositives() == 0 ? ""
                                : ", " + down.falsePositives() + " accepted beyond the boundary"));
                n.put("slowBoundarySeconds", round1(down.threshold()));
                n.put("aucSlow", round3(down.auc()));
            }
            double chance = Math.min(up.holds() ? up.chance() : 1, down.holds() ? down.chance() : 1);
            t.append(String.format(Locale.ROOT, "; rank AUC of clock skew, refused against accepted, %s (chance %s).",
                    round3(main.auc()), chance(chance)));
            if (own.concentrated() && own.share() > server.share()) {
                t.append(String.format(Locale.ROOT, " iat follows each participant's own clock: %s%% of tokens sit"
                        + " within %.1f s of it (iat = own clock %s s), against %s%% of the true time: the tokens are"
                        + " minted on the participants' own clocks (in the browser or app)", pct(own.share()), WINDOW,
                        signed1(own.mean()), pct(server.share())));
                if (Math.abs(own.delta() + 30) < 1) {
                    t.append(", with iat = now - 30, so a clock more than about 30 s fast (plus the delivery delay)"
                            + " fails");
                }
                t.append('.');
                n.put("ownClockShare", round3(own.share()));
                n.put("trueTimeShare", round3(server.share()));
                n.put("iatMinusOwnClockSeconds", round1(own.mean()));
            }
            Estimate est = up.holds()
                    ? new Estimate("the clock skew above which participants are refused (IAT_IN_FUTURE)",
                            round1(up.threshold()), round1(up.low()), round1(up.high()), "s",
                            "thresholds whose misclassification is within 1.96 sqrt(min) of the best", Double.NaN)
                    : new Estimate("the clock skew below which participants are refused (EXPIRED)",
                            round1(down.threshold()), round1(down.low()), round1(down.high()), "s",
                            "thresholds whose misclassification is within 1.96 sqrt(min) of the best", Double.NaN);
            causes.add(cause(CauseCode.CLIENT_CLOCKS, explains, v.invalid(), "rank AUC of clock skew, refused vs accepted",
                    main.auc(), chance, est, null, t.toString(), fix(CauseCode.CLIENT_CLOCKS, ""), n));
            return explains;
        }

        void timezoneOfClocks() {
            long far = 0;
            long zone = 0;
            for (String o : List.of("IAT_IN_FUTURE", "EXPIRED")) {
                for (double[] p : e.skews(o).points()) {
                    if (Math.abs(p[0]) >= 840) {
                        far += (long) p[1];
                        if (quarterOff(p[0], 15) != 0) {
                            zone += (long) p[1];
                        }
                    }
                }
            }
            if (zone == 0) {
                return;
            }
            double p0 = 30 / QUARTER;
            double chance = Stats.binomialUpper(far, zone, p0);
            if (chance >= 0.05) {
                thin.add(zone + " refused participants have a clock a whole number of quarter hours off (chance "
                        + chance(chance) + "): too few to call it a time zone");
                return;
            }
            causes.add(cause(CauseCode.TIMEZONE, zone, far, "refused participants off by a whole number of quarter"
                    + " hours (within 15 s), among those off by 14 min or more", zone / (double) far, chance, null,
                    null, String.format(Locale.ROOT, "Of the participants refused with a clock 14 min or more off, %d of"
                    + " %d are off by a whole number of quarter hours (within 15 s; %s%% by chance each, chance %s):"
                    + " a wrong time zone on those devices (local time set as if it were UTC).", zone, far,
                    pct(p0), chance(chance)), fix(CauseCode.TIMEZONE, "clocks"), Map.of("far", far, "onQuarterHours", zone)));
        }

        /** Offset causes from a concentrated iat offset; returns the refusals explained. */
        long offset(Fit f, boolean onOwn, boolean clients, long future, long expired) {
            double d = f.delta();
            double[] ci = f.interval();
            boolean correct = Math.abs(d) <= 0.25 || Math.abs(d + 30) <= 0.25;
            boolean rounded = Math.abs(d - 0.5) <= 0.2 || Math.abs(d + 29.5) <= 0.2;
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("share", round3(f.share()));
            n.put("samples", f.samples());
            n.put("meanSeconds", round3(f.mean()));
            String where = onOwn ? "each participant's own clock" : "the instants sigload asked for the tokens";
            if (correct) {
                return 0;
            }
            if (rounded) {
                if (future <= 0 || Math.abs(d + 29.5) <= 0.2 && !clients) {
                    return 0;
                }
                double se = f.se();
                double chance = 2 * Stats.upperNormal(Math.abs(d - Math.round(d)) / se);
                String text = String.format(Locale.ROOT, "iat runs up to 0.5 s ahead of %s: %s%% of tokens sit in"
                        + " (%s, %s] s of it, centred on %s s (95%% [%s, %s], %d samples): the seconds are rounded"
                        + " (Math.round) instead of floored, so a token checked within the same second is in the future.",
                        where, pct(f.share()), s1(f.mean() - 0.5), s1(f.mean() + 0.5), signed2(f.mean()),
                        signed2(ci[0] - 0.5), signed2(ci[1] - 0.5), f.samples());
                Estimate est = new Estimate("iat minus the minting instant (mean; floor gives -0.5 s, round 0 s)",
                        round2(f.mean()), round2(ci[0] - 0.5), round2(ci[1] - 0.5), "s",
                        "95% normal, tokens minted in the same second counted once", Double.NaN);
                causes.add(cause(CauseCode.IAT_ROUNDED_UP, future, v.invalid(),
                        "mean of iat minus the minting instant against floor's -0.5 s", f.mean(), chance, est, null,
                        text, fix(CauseCode.IAT_ROUNDED_UP, ""), n));
                if (!onOwn) {
                    causes.add(cause(CauseCode.SERVER_CLOCK_OFFSET, 0, v.invalid(),
                            "mean of iat minus the request instants, plus 0.5 s (iat = floor(now))", d, chance,
                            new Estimate("the minting clock's offset, if iat = floor(now)", round1(d), round1(ci[0]),
                                    round1(ci[1]), "s", "95% normal, tokens minted in the same second counted once",
                                    Double.NaN), CauseCode.IAT_ROUNDED_UP,
                            String.format(Locale.ROOT, "The same numbers fit a minting clock %s s fast with iat ="
                                    + " floor(now): the tokens alone cannot tell these apart.", s1(d)),
                            fix(CauseCode.SERVER_CLOCK_OFFSET, ""), n));
                }
                futureEx += future;
                return future;
            }
            if (onOwn) {
                return 0;
            }
            long explains = d > 0.7 ? future : d < -60 ? expired : 0;
            if (explains == 0) {
                return 0;
            }
            if (d > 0.7) {
                futureEx += explains;
            } else {
                expiredEx += explains;
            }
            serverClock = true;
            double z = Math.min(Math.abs(d), Math.abs(d + 30)) / f.se();
            double chance = 2 * Stats.upperNormal(z);
            long k = quarterOff(d, 5) != 0 ? quarterOff(d, 5) : quarterOff(d + 30, 5);
            Estimate est = new Estimate("the minting clock's offset from true time, if iat = floor(now)"
                    + " (alternative: if iat = floor(now) - 30)", round1(d), round1(ci[0]), round1(ci[1]), "s",
                    "95% normal, tokens minted in the same second counted once, within what floor allows",
                    round1(d + 30));
            String offsetText = String.format(Locale.ROOT, "iat is %s s %s the instants sigload asked for the tokens"
                    + " (%s%% of tokens within %.1f s, %d samples, whatever the participants' clocks): the minting"
                    + " server's clock is %s s %s (95%% [%s, %s] s) with iat = floor(now), or %s s %s with iat ="
                    + " floor(now) - 30; the tokens alone cannot tell these two apart.", s1(Math.abs(f.mean())),
                    f.mean() > 0 ? "ahead of" : "behind", pct(f.share()), WINDOW, f.samples(), s1(Math.abs(d)),
                    d > 0 ? "fast" : "slow", s1(ci[0]), s1(ci[1]), s1(Math.abs(d + 30)), d + 30 > 0 ? "fast" : "slow");
            if (k != 0) {
                causes.add(cause(CauseCode.TIMEZONE, explains, v.invalid(), "iat offset in whole quarter hours", d, chance,
                        est, null, String.format(Locale.ROOT, "iat is %s off the true time, a whole number of quarter"
                        + " hours: the minting server takes its local time for UTC (or runs in the wrong zone).",
                        hours(k)), fix(CauseCode.TIMEZONE, ""), n));
                causes.add(cause(CauseCode.SERVER_CLOCK_OFFSET, 0, v.invalid(), "mean of iat minus the request instants,"
                        + " plus 0.5 s", d, chance, est, CauseCode.TIMEZONE, offsetText,
                        fix(CauseCode.SERVER_CLOCK_OFFSET, ""), n));
                return explains;
            }
            causes.add(cause(CauseCode.SERVER_CLOCK_OFFSET, explains, v.invalid(),
                    "mean of iat minus the request instants, plus 0.5 s (iat = floor(now))", d, chance, est, null,
                    offsetText, fix(CauseCode.SERVER_CLOCK_OFFSET, ""), n));
            return explains;
        }

        /** Float rounding: distinct iats on one residue mod 128 beyond chance. */
        long floatGrid(long future) {
            DistinctSample s = e.distinctIat();
            long[] res = s.residues(128);
            int c = 0;
            for (int i = 1; i < 128; i++) {
                if (res[i] > res[c]) {
                    c = i;
                }
            }
            long k = res[c];
            long n = s.values().length;
            if (n == 0 || k == 0) {
                return 0;
            }
            // the float grids' own residues (0, and 30 or 60 s below) are named in advance: 3 choices; any
            // other residue is the mode of 128
            int choices = c == 0 || c == 98 || c == 68 ? 3 : 128;
            double chance = Math.min(1, choices * Stats.binomialUpper(n, k, 1 / 128.0));
            double llr = Stats.log10LikelihoodRatio(k, n, 128);
            floatResidue = c;
            floatOnGrid = k;
            floatDistinct = n;
            floatChance = chance;
            if (future <= 0) {
                return 0;
            }
            String grid = c == 0 ? "a multiple of 128 s" : (128 - c) + " s below a multiple of 128 s";
            if (k < 3 || k < 0.5 * n || chance >= 1e-3) {
                if (k == n && future > 0) {
                    thin.add(String.format(Locale.ROOT, "%d of %d distinct iat value%s sit%s on %s (1 in 128 each by"
                            + " chance, chance %s): too few to call it float rounding", k, n, n == 1 ? "" : "s",
                            n == 1 ? "s" : "", grid, chance(chance)));
                }
                return 0;
            }
            DistinctSample refused = e.distinctIatRefused();
            long rn = refused.values().length;
            long rk = refused.withResidue(128, c);
            long explains = rn == 0 ? future : Math.round(future * (rk / (double) rn));
            futureEx += explains;
            double ahead = e.iatMinusMintRefused().quantile(0.99);
            Map<String, Object> nums = new LinkedHashMap<>();
            nums.put("residue", c);
            nums.put("onGrid", k);
            nums.put("distinctIat", n);
            nums.put("samplingLevel", s.level());
            nums.put("log10LikelihoodRatio", round1(llr));
            String text = String.format(Locale.ROOT, "%d of %d distinct iat values (tokens minted in the same second"
                    + " count once) sit on %s, where chance puts 1 in 128 (chance %s, log10 likelihood ratio against"
                    + " uniform residues %s): near 1.7e9 a float holds only multiples of 128, so iat is computed"
                    + " through a float and jumps by up to 64 s; refused tokens' iat is up to %s s ahead of their"
                    + " minting instant.", k, n, grid, chance(chance), round1(llr), s1(ahead));
            causes.add(cause(CauseCode.FLOAT_ROUNDING, explains, v.invalid(), "distinct iat values on one residue mod 128",
                    k / (double) n, chance, new Estimate("how far refused tokens' iat is ahead of the minting instant"
                    + " (99th percentile)", round1(ahead), round1(e.iatMinusMintRefused().quantile(0.5)), round1(ahead),
                    "s", "median to 99th percentile", Double.NaN), null, text,
                    fix(CauseCode.FLOAT_ROUNDING, c == 98 ? "-30" : ""), nums));
            return explains;
        }

        /** Per-token time zones (each token its own zone): refused tokens' iat offsets on quarter hours. */
        long zonesPerToken(long timeRefused) {
            long zone = 0;
            long total = 0;
            for (double[] p : e.iatMinusMintRefused().points()) {
                total += (long) p[1];
                if (Math.abs(p[0]) >= 840 && (quarterOff(p[0], 5) != 0 || quarterOff(p[0] + 30, 5) != 0)) {
                    zone += (long) p[1];
                }
            }
            if (zone == 0 || zone < 0.5 * total) {
                return 0;
            }
            double p0 = 20 / QUARTER;
            double chance = Stats.binomialUpper(total, zone, p0);
            if (chance >= 1e-3) {
                return 0;
            }
            causes.add(cause(CauseCode.TIMEZONE, Math.min(zone, timeRefused), v.invalid(),
                    "refused tokens whose iat is off the minting instant by whole quarter hours (within 5 s)",
                    zone / (double) total, chance, null, null, String.format(Locale.ROOT, "%d of %d refused tokens"
                    + " carry an iat a whole number of quarter hours off the instant they were minted (within 5 s,"
                    + " chance %s), in several zones: the signer reads a local time and takes it for UTC.", zone,
                    total, chance(chance)), fix(CauseCode.TIMEZONE, ""), Map.of()));
            long toFuture = Math.min(zone, Math.max(0, reason("IAT_IN_FUTURE") - futureEx));
            futureEx += toFuture;
            expiredEx += zone - toFuture;
            return zone;
        }

        void inconclusiveTime(long rest, long total, Separation up, Fit server, Fit own) {
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%d of %d time refusals (IAT_IN_FUTURE,"
                    + " EXPIRED) fit no cause: ", rest, total));
            if (e.tokens() == 0) {
                t.append("the result carries no token evidence (iat against the mint instants) to attribute them");
            } else t.append(String.format(Locale.ROOT, "the participants' clocks do not separate them (rank AUC %s), iat is"
                    + " no constant offset from the minting instant (%s%% of tokens in the densest %.1f s) nor from"
                    + " the participants' clocks (%s%%)", Double.isNaN(up.auc()) ? "n/a" : round3(up.auc()),
                    pct(server.share()), WINDOW, pct(own.share())));
            if (!thin.isEmpty()) {
                t.append("; ").append(String.join("; ", thin));
            }
            t.append('.');
            causes.add(cause(CauseCode.INCONCLUSIVE, rest, v.invalid(), "time refusals left unexplained", rest, 1.0,
                    null, null, t.toString(), "collect more participants or a longer join window (more distinct"
                    + " seconds), or look at the tokens with sigload inspect.", Map.of()));
            thin.clear();
        }

        // ---------------------------------------------------------------- signatures
        void signatures() {
            long bad = reason("BAD_SIGNATURE");
            if (bad == 0) {
                return;
            }
            long keyEnc = v.hints().getOrDefault("KEY_ENCODING", 0L);
            long wrong = v.hints().getOrDefault("WRONG_SECRET", 0L);
            long hex = v.hints().getOrDefault("HEX_ENCODED_MAC", 0L);
            int[] alone = replayedAlone(Set.of("BAD_SIGNATURE"));
            if (alone[1] > 0) {
                // the same signer with the same secret minted valid tokens for refused participants when alone:
                // no cause in the secret or the MAC's encoding (WRONG_SECRET, KEY_ENCODING, MAC_ENCODING) holds
                secretRuledOut = String.format(Locale.ROOT, "%d of %d replayed participants refused with"
                        + " BAD_SIGNATURE validate alone with the same signer and secret, which rules out a wrong"
                        + " secret or key encoding", alone[1], alone[0]);
                if (!replayShowsRace()) {
                    cover("BAD_SIGNATURE", bad);
                    causes.add(cause(CauseCode.INCONCLUSIVE, bad, v.invalid(), "BAD_SIGNATURE refusals that validate"
                            + " alone, too few for a race", alone[1], 1.0, null, null, String.format(Locale.ROOT,
                            "%d tokens are refused with BAD_SIGNATURE, yet %s; too few replayed to call it a race"
                            + " (chance %s).", bad, secretRuledOut, chance(replayChance(comparable(r.replay())))),
                            "Replay more failing participants one at a time (--replay-failures N).", Map.of()));
                }
                return;
            }
            if (keyEnc >= 0.5 * bad) {
                cover("BAD_SIGNATURE", keyEnc);
                String variant = topVariant("KEY_ENCODING");
                causes.add(cause(CauseCode.KEY_ENCODING, keyEnc, v.invalid(), "refused MACs that match the secret "
                        + variant, keyEnc, Double.NaN, null, null, String.format(Locale.ROOT, "%d of %d tokens refused"
                        + " with BAD_SIGNATURE carry a MAC that matches the secret %s: the signer changes the secret's"
                        + " bytes before using them as the HMAC key.", keyEnc, bad, variant),
                        fix(CauseCode.KEY_ENCODING, variant), Map.of("variant", variant)));
                return;
            }
            if (wrong >= 0.5 * bad) {
                cover("BAD_SIGNATURE", wrong);
                causes.add(cause(CauseCode.WRONG_SECRET, wrong, v.invalid(), "refused MACs that match another secret",
                        wrong, Double.NaN, null, null, String.format(Locale.ROOT, "%d of %d tokens refused with"
                        + " BAD_SIGNATURE are signed with another secret you own.", wrong, bad),
                        fix(CauseCode.WRONG_SECRET, ""), Map.of()));
                return;
            }
            if (hex >= 0.5 * bad) {
                cover("BAD_SIGNATURE", hex);
                causes.add(cause(CauseCode.MAC_ENCODING, hex, v.invalid(), "signature segments that are the MAC in hex",
                        hex, Double.NaN, null, null, String.format(Locale.ROOT, "%d of %d tokens refused with"
                        + " BAD_SIGNATURE carry the MAC written in hex.", hex, bad), fix(CauseCode.MAC_ENCODING, ""),
                        Map.of()));
                return;
            }
            long judged = v.completed() - r.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
            if (bad >= judged || v.valid() == 0) {
                cover("BAD_SIGNATURE", bad);
                causes.add(cause(CauseCode.WRONG_SECRET, bad, v.invalid(), "tokens refused with BAD_SIGNATURE", bad,
                        Double.NaN, null, null, String.format(Locale.ROOT, "Every token (%d) is refused with"
                        + " BAD_SIGNATURE and its MAC matches no usual mangling of the validator's secret (hex or base64"
                        + " decoded, trimmed, newline): the signer uses another secret.", bad),
                        fix(CauseCode.WRONG_SECRET, ""), Map.of()));
                return;
            }
            if (r.replay().ran()) {
                return; // the replay decides (NOT_THREAD_SAFE, or the same refusals alone)
            }
            causes.add(cause(CauseCode.INCONCLUSIVE, bad, v.invalid(), "tokens refused with BAD_SIGNATURE while others"
                    + " validate", bad, 1.0, null, null, String.format(Locale.ROOT, "%d tokens are refused with"
                    + " BAD_SIGNATURE while %d validate with the same secret: a signer that is not thread-safe (a"
                    + " shared Mac) or secrets in rotation; only a replay one at a time can tell.", bad, v.valid()),
                    "Replay the failing participants one at a time (--replay-failures N).", Map.of()));
            cover("BAD_SIGNATURE", bad);
        }

        /**
         * Replayed participants the burst refused with one of {@code reasons} (their first reason code):
         * {@code [replayed, valid alone]}. Without per-participant outcomes the replay's counts speak for
         * {@code reasons} only when no other reason code refused anyone. A wall-clock replay's time-rule
         * refusals are never counted ({@link #comparable}).
         */
        int[] replayedAlone(Set<String> reasons) {
            ReplayEvidence x = r.replay();
            if (!x.ran()) {
                return new int[] {0, 0};
            }
            if (x.participants().isEmpty()) {
                boolean only = !v.byReason().isEmpty() && reasons.containsAll(v.byReason().keySet());
                return only ? new int[] {x.failingReplayed(), x.failingValidAlone()} : new int[] {0, 0};
            }
            int n = 0;
            int k = 0;
            for (ReplayEvidence.Replayed p : x.participants()) {
                if (p.failedInBurst() && reasons.contains(p.burst())
                        && !("wall".equals(x.clock()) && TIME_RULES.contains(p.burst()))) {
                    n++;
                    k += p.validAlone() ? 1 : 0;
                }
            }
            return new int[] {n, k};
        }

        String topVariant(String hint) {
            String best = "decoded or trimmed";
            long n = 0;
            for (var x : e.hintDetails().entrySet()) {
                if (x.getKey().startsWith(hint + ":") && x.getValue() > n) {
                    n = x.getValue();
                    best = x.getKey().substring(hint.length() + 1);
                }
            }
            return best;
        }

        // ---------------------------------------------------------------- direct reason codes
        void direct() {
            directCause(CauseCode.MILLISECONDS, List.of("NUMERIC_DATE_IN_MILLISECONDS"),
                    "a NumericDate (exp or iat) is in milliseconds, above 10^11");
            directCause(CauseCode.EXP_LIFETIME, List.of("EXP_TOO_FAR", "EXP_TOO_SOON", "TOKENEXP_TOO_SOON"),
                    "exp - iat is outside Zoom's 1800 s .. 48 h (a lifetime in the wrong unit?)");
            directCause(CauseCode.CLAIM_TYPES, List.of("ROLE_NOT_NUMBER", "MN_TYPE", "NON_NUMERIC_CLAIM",
                    "ROLE_OUT_OF_RANGE"), "a claim has the wrong JSON type or value");
            directCause(CauseCode.CLAIMS_INCOMPLETE, List.of("MISSING_CLAIM", "KEY_MISMATCH"),
                    "a required claim is absent or the keys disagree");
            directCause(CauseCode.MN_OR_ROLE_MISMATCH, List.of("MN_MISMATCH", "TPC_MISMATCH"),
                    "the token names another meeting (or session) than the one joined");
            directCause(CauseCode.TOKEN_FORMAT, List.of("MALFORMED_TOKEN", "NON_BASE64URL", "MALFORMED_JSON",
                    "ALG_NOT_HS256", "LEGACY_FORMAT", "WRONG_TOKEN_KIND"), "the token is not a compact HS256 Meeting"
                    + " SDK JWT");
        }

        void directCause(CauseCode code, List<String> reasons, String what) {
            long n = 0;
            List<String> seen = new ArrayList<>();
            for (String c : reasons) {
                long k = reason(c);
                if (k > 0) {
                    n = Math.max(n, k);
                    seen.add(c + " " + k);
                }
            }
            if (n == 0) {
                return;
            }
            if (code == CauseCode.MN_OR_ROLE_MISMATCH && replayShowsRace()) {
                return; // the replay names a shared mutable claims object
            }
            int[] alone = replayedAlone(Set.copyOf(reasons));
            if (alone[1] > 0) {
                // the same signer minted tokens the rule accepts for participants it refused: not the signer's
                // fixed way of writing claims
                for (String c : reasons) {
                    if (reason(c) > 0) {
                        uncoveredWhy.putIfAbsent(c, String.format(Locale.ROOT, "%d of %d replayed participants"
                                + " refused with it validate alone, so it is not how the signer always writes the"
                                + " token", alone[1], alone[0]));
                    }
                }
                return;
            }
            reasons.forEach(c -> cover(c, reason(c)));
            causes.add(cause(code, n, v.invalid(), "refusals with " + String.join(", ", reasons.stream()
                    .filter(x -> reason(x) > 0).toList()), n, Double.NaN, null, null, String.format(Locale.ROOT,
                    "%d refused: %s (%s).", n, what, String.join(", ", seen)), fix(code, seen.get(0).split(" ")[0]),
                    Map.of()));
        }

        // ---------------------------------------------------------------- replay (branch concur fills it)
        boolean replayShowsRace() {
            ReplayEvidence x = comparable(r.replay());
            return x.ran() && x.failingReplayed() > 0 && x.failingValidAlone() > 0 && replayChance(x) < 0.01;
        }

        /**
         * The replay's counts that can speak for a race. A wall-clock replay mints and judges at
         * other instants than the burst, so a burst refusal for a time rule (iat in the future,
         * expired) may pass alone only because the second changed (a rounded iat, a clock edge):
         * those participants are left out, and only refusals for what a token says (its MAC, its
         * claims) count. A simulated-time replay uses the same planned instants: everything counts.
         */
        static ReplayEvidence comparable(ReplayEvidence x) {
            if (!"wall".equals(x.clock()) || x.participants().isEmpty()) {
                return x;
            }
            int failing = 0;
            int failingValid = 0;
            int passing = 0;
            int passingInvalid = 0;
            for (ReplayEvidence.Replayed p : x.participants()) {
                if (!p.failedInBurst()) {
                    passing++;
                    passingInvalid += p.validAlone() ? 0 : 1;
                } else if (!TIME_RULES.contains(p.burst())) {
                    failing++;
                    failingValid += p.validAlone() ? 1 : 0;
                }
            }
            return new ReplayEvidence(failing, failingValid, passing, passingInvalid, x.duplicateTokens(), x.clock(),
                    x.note(), x.tokensCounted(), x.deadlineMillis(), x.elapsedMillis(), x.participants());
        }

        private static String timeRulesLeftOut(ReplayEvidence all, ReplayEvidence counted) {
            int left = all.failingReplayed() - counted.failingReplayed();
            return left <= 0 ? "" : String.format(Locale.ROOT, " (%d refused for a time rule were left out: a wall-clock"
                    + " replay judges at other instants.)", left);
        }

        /** Refusals that depend on the instant a token is minted or judged, not on its content. */
        private static final Set<String> TIME_RULES = Set.of("IAT_IN_FUTURE", "EXPIRED", "TOKENEXP_TOO_SOON",
                "LEGACY_TS_IN_FUTURE", "LEGACY_EXPIRED");

        /** Chance that as many burst refusals pass alone if the replay flipped verdicts no more often than for passing ones. */
        static double replayChance(ReplayEvidence x) {
            int n1 = x.failingReplayed();
            int k1 = x.failingValidAlone();
            int n2 = x.passingReplayed();
            int k2 = x.passingInvalidAlone();
            // under "one-at-a-time changes nothing", flips in either group are noise at a common rate p;
            // p is estimated from the passing group (with a floor of 1 / (n2 + 2): Laplace) and the chance is
            // the binomial tail of the refused group's flips.
            double p = (k2 + 1.0) / (n2 + 2.0);
            return Stats.binomialUpper(n1, k1, Math.min(p, 0.5));
        }

        void replay() {
            ReplayEvidence x = r.replay();
            if (x.duplicateTokens() > 0 && v.invalid() > 0) {
                long explains = Math.min(x.duplicateTokens(), v.invalid());
                String counted = x.duplicateTokens() <= v.invalid() ? ""
                        : String.format(Locale.ROOT, " The cause counts %d, the refused participants only: a token"
                        + " passed on to another role of the same meeting is still accepted, so %d of the %d may have"
                        + " been accepted.", explains, x.duplicateTokens() - explains, x.duplicateTokens());
                causes.add(cause(CauseCode.TOKEN_REUSED, explains, v.invalid(),
                        "participants whose token equals another participant's", x.duplicateTokens(), Double.NaN, null,
                        null, String.format(Locale.ROOT, "%d of %d participants got a token that another participant"
                        + " asking for another meeting, role or session got too (the replay's \"tokens passed on\"):"
                        + " a token cached and handed to the next participant or meeting.", x.duplicateTokens(),
                        x.tokensCounted() > 0 ? x.tokensCounted() : v.completed()) + counted,
                        fix(CauseCode.TOKEN_REUSED, ""), Map.of("duplicateTokens", x.duplicateTokens())));
                cover("MN_MISMATCH", explains);
                cover("TPC_MISMATCH", explains);
            }
            if (!x.ran()) {
                return;
            }
            if (replayShowsRace()) {
                x = comparable(x);
                double chance = replayChance(x);
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("failingReplayed", x.failingReplayed());
                n.put("failingValidAlone", x.failingValidAlone());
                n.put("passingReplayed", x.passingReplayed());
                n.put("passingInvalidAlone", x.passingInvalidAlone());
                n.put("clock", x.clock());
                long explains = Math.round(v.invalid() * (x.failingValidAlone() / (double) x.failingReplayed()));
                causes.add(cause(CauseCode.NOT_THREAD_SAFE, explains, v.invalid(),
                        "burst refusals that validate when replayed one at a time", x.failingValidAlone()
                        / (double) x.failingReplayed(), chance, null, null, String.format(Locale.ROOT, "Replayed one at"
                        + " a time (%s time), %d of %d participants refused in the burst get a valid token, against %d"
                        + " of %d accepted ones refused alone (chance %s): the signer is not thread-safe. A race shows"
                        + " only when requests overlap, so its share varies from run to run.", x.clock(),
                        x.failingValidAlone(), x.failingReplayed(), x.passingInvalidAlone(), x.passingReplayed(),
                        chance(chance)) + timeRulesLeftOut(r.replay(), x) + (secretRuledOut == null ? ""
                        : " The secret is right: " + secretRuledOut + "."), fix(CauseCode.NOT_THREAD_SAFE, ""), n));
                coverRace(x.failingValidAlone() / (double) x.failingReplayed());
            } else if (x.failingReplayed() > 0 && reason("BAD_SIGNATURE") > 0 && v.valid() > 0) {
                thin.add(String.format(Locale.ROOT, "replayed alone, %d of %d refused participants still fail: not a"
                        + " race", x.failingReplayed() - x.failingValidAlone(), x.failingReplayed()));
            }
        }

        /** The refusals a race accounts for: per reason code, its share valid alone among those replayed. */
        void coverRace(double overall) {
            ReplayEvidence x = r.replay();
            if (x.participants().isEmpty()) {
                v.byReason().forEach((c, k) -> cover(c, Math.round(k * overall)));
                return;
            }
            for (String c : v.byReason().keySet()) {
                int[] alone = replayedAlone(Set.of(c));
                if (alone[0] > 0) {
                    cover(c, Math.round(reason(c) * (alone[1] / (double) alone[0])));
                }
            }
        }

        void mintErrors() {
            long n = r.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
            if (n == 0) {
                return;
            }
            causes.add(cause(CauseCode.SIGNER_FAILING, n, v.invalid(), "participants without a token", n, Double.NaN,
                    null, null, String.format(Locale.ROOT, "%d participants got no token (%s): the signer or its"
                    + " endpoint failed, not the token.", n, String.join(", ", r.mintErrors().byCategory().keySet())),
                    fix(CauseCode.SIGNER_FAILING, ""), Map.of()));
        }

        void fragileTokens() {
            if (e.fractionalIat() > 0) {
                fragile.add(cause(CauseCode.FRACTIONAL_IAT, e.fractionalIat(), e.tokens(), "tokens with a fractional iat",
                        e.fractionalIat(), Double.NaN, null, null, String.format(Locale.ROOT, "%d of %d tokens carry"
                        + " a fractional iat (like 1700000000.123): RFC 7519 allows it, Zoom's docs ask for whole"
                        + " seconds.", e.fractionalIat(), e.tokens()), fix(CauseCode.FRACTIONAL_IAT, ""), Map.of()));
            }
            long mnNumber = v.warnings().getOrDefault("MN_IS_NUMBER", 0L);
            if (mnNumber > 0 && causes.stream().noneMatch(c -> c.code() == CauseCode.CLAIM_TYPES)) {
                fragile.add(cause(CauseCode.CLAIM_TYPES, mnNumber, v.completed(), "tokens with mn as a JSON number",
                        mnNumber, Double.NaN, null, null, String.format(Locale.ROOT, "%d tokens write mn as a JSON"
                        + " number: accepted, but large meeting numbers lose precision in some clients.", mnNumber),
                        fix(CauseCode.CLAIM_TYPES, "MN_IS_NUMBER"), Map.of()));
            }
        }

        // ---------------------------------------------------------------- hints against causes
        /**
         * The validator's hints read one token alone; where the run's evidence rules a hint's cause out,
         * say so (a hint count beside a diagnosis that names another cause reads as a contradiction).
         */
        void hintNotes() {
            boolean named = !causes.isEmpty();
            long floatHints = v.hints().getOrDefault("FLOAT_PRECISION_TIME", 0L);
            if (floatHints > 0 && has(CauseCode.FLOAT_ROUNDING) == null && floatDistinct >= 10
                    && floatOnGrid < 0.5 * floatDistinct && floatChance >= 1e-3) {
                hintNotes.add(String.format(Locale.ROOT, "The FLOAT_PRECISION_TIME hint on %d tokens is chance (one"
                        + " token lands on a float residue 3 in 128 times): only %d of %d distinct iat values share a"
                        + " residue mod 128 (chance %s), where a float would put nearly all on one: no float"
                        + " rounding.", floatHints, floatOnGrid, floatDistinct, chance(floatChance)));
            }
            long rounded = v.hints().getOrDefault("ROUNDED_SECONDS", 0L);
            if (rounded > 0 && has(CauseCode.IAT_ROUNDED_UP) == null && reading != null) {
                double d = reading.delta();
                if (Math.abs(d) <= 0.25 || Math.abs(d + 30) <= 0.25) {
                    hintNotes.add(String.format(Locale.ROOT, "The ROUNDED_SECONDS hint on %d tokens (iat at most 1 s"
                            + " ahead of the validator's clock) is ruled out as a rounding: iat sits %s s from %s on"
                            + " average (%s%% of tokens within %.1f s), floor's %s s, not Math.round's %s s; those"
                            + " tokens were minted on a clock just fast enough to be refused.", rounded,
                            signed2(reading.mean()), readingOnOwn ? "each participant's own clock"
                            : "the instants sigload asked for the tokens", pct(reading.share()), WINDOW,
                            Math.abs(d) <= 0.25 ? "-0.5" : "-30.5", Math.abs(d) <= 0.25 ? "0" : "-30"));
                }
            }
            long skew = v.hints().getOrDefault("CLIENT_CLOCK_SKEW", 0L);
            if (skew > 0 && serverClock && has(CauseCode.CLIENT_CLOCKS) == null) {
                hintNotes.add(String.format(Locale.ROOT, "The CLIENT_CLOCK_SKEW hint on %d tokens says only that the"
                        + " minting clock is ahead of the validator's, token by token; across tokens iat keeps one"
                        + " offset from the request instants whatever the participants' clocks, so the clock that is"
                        + " off is the minting server's, not the participants'.", skew));
            }
            if (!named) {
                hintNotes.clear();
            }
        }

        Cause has(CauseCode code) {
            return causes.stream().filter(c -> c.code() == code && c.alternativeTo() == null).findFirst().orElse(null);
        }

        /** Refusals per reason code that no named cause accounts for, as a sentence; empty when none. */
        String unexplained() {
            List<String> parts = new ArrayList<>();
            long total = 0;
            for (var x : v.byReason().entrySet()) {
                long left = x.getValue() - covered.getOrDefault(x.getKey(), 0L);
                if (left > 0) {
                    total += left;
                    String why = uncoveredWhy.get(x.getKey());
                    parts.add(String.format(Locale.ROOT, "%s %d of %d%s", x.getKey(), left, x.getValue(),
                            why == null ? "" : ", " + why));
                }
            }
            if (total == 0) {
                return "";
            }
            return String.format(Locale.ROOT, "The causes named leave %d refusal%s unexplained (by reason code; a"
                    + " participant refused for two reasons counts in both): %s.", total, total == 1 ? "" : "s",
                    String.join("; ", parts));
        }

        // ---------------------------------------------------------------- assembly
        Cause cause(CauseCode code, long explains, long of, String statistic, double value, double chance,
                Estimate estimate, CauseCode alternativeTo, String text, String fix, Map<String, Object> numbers) {
            Map<String, Long> hints = new LinkedHashMap<>();
            for (String h : code.hints()) {
                Long n = v.hints().get(h);
                if (n != null && n > 0) {
                    hints.put(h, n);
                }
            }
            String strength = Double.isNaN(chance) ? "direct" : Cause.strength(chance);
            return new Cause(code, explains, of, statistic, Double.isNaN(value) ? value : round3(value),
                    Double.isNaN(chance) ? chance : Double.parseDouble(String.format(Locale.ROOT, "%.3g", chance)),
                    strength, estimate, alternativeTo, text, fix, hints, numbers);
        }

        /** Most participants explained first; an alternative right after the cause it is an alternative to. */
        static List<Cause> order(List<Cause> cs) {
            List<Cause> main = new ArrayList<>(cs.stream().filter(c -> c.alternativeTo() == null).toList());
            // ties: the broader cause first (CLIENT_CLOCKS before the TIMEZONE among those clocks), then strength
            main.sort(Comparator.comparingLong(Cause::explains).reversed()
                    .thenComparing(c -> c.code().ordinal()).thenComparing(c -> rank(c.strength())));
            List<Cause> out = new ArrayList<>();
            for (Cause c : main) {
                out.add(c);
                cs.stream().filter(a -> a.alternativeTo() == c.code()).forEach(out::add);
            }
            cs.stream().filter(a -> a.alternativeTo() != null && !out.contains(a)).forEach(out::add);
            return out;
        }

        static int rank(String strength) {
            return switch (strength) {
                case "direct", "strong" -> 0;
                case "moderate" -> 1;
                case "weak" -> 2;
                default -> 3;
            };
        }

        String text(List<Cause> all) {
            StringBuilder t = new StringBuilder();
            if (v.invalid() == 0) {
                t.append("All ").append(v.valid()).append(" participants' tokens validate.");
            }
            for (Cause c : all) {
                if (!t.isEmpty()) {
                    t.append(' ');
                }
                t.append(c.alternativeTo() == null ? "" : "Or: ").append(c.text());
                if (!"inconclusive".equals(c.strength()) || c.code() == CauseCode.INCONCLUSIVE) {
                    if (c.alternativeTo() == null && !c.fix().isEmpty()) {
                        t.append(" Fix: ").append(c.fix());
                    }
                } else {
                    t.append(" (evidence too thin to be sure.)");
                }
            }
            if (!causes.isEmpty()) {
                String left = unexplained();
                if (!left.isEmpty()) {
                    t.append(' ').append(left);
                }
            }
            for (String h : hintNotes) {
                t.append(' ').append(h);
            }
            if (!thin.isEmpty()) {
                t.append(t.isEmpty() ? "" : " ").append("Too thin to conclude: ").append(String.join("; ", thin))
                        .append('.');
            }
            long fixes = all.stream().filter(c -> c.alternativeTo() == null && !c.fix().isEmpty()).count();
            if (fixes > 0 && !"neutral".equals(l)) {
                t.append(" (").append(fixes == 1 ? "Fix" : "Fixes").append(" shown in ").append(languageName(l))
                        .append(", ").append(lang.basis()).append("; the scenario chooses only the language of the"
                        + " fix, never the diagnosis.)");
            }
            return t.toString();
        }

        // ---------------------------------------------------------------- fixes
        String fix(CauseCode code, String detail) {
            return Fix.of(code, detail, l);
        }
    }

    static String languageName(String l) {
        return switch (l) {
            case "javascript" -> "JavaScript";
            case "java" -> "Java";
            case "python" -> "Python";
            case "csharp" -> "C#";
            case "php" -> "PHP";
            case "go" -> "Go";
            default -> "any language";
        };
    }

    /**
     * The rank separation of refused from accepted participants by clock skew, with the best
     * threshold: {@code upper} means refused above it (fast clocks), else below (slow clocks).
     */
    record Separation(double auc, double chance, double threshold, double low, double high, double bestLow,
            double bestHigh, long explains, long falsePositives, long refused) {
        static final Separation NONE = new Separation(Double.NaN, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0);

        static Separation of(OffsetHistogram refused, OffsetHistogram accepted, boolean upper) {
            long nr = refused.total();
            long na = accepted.total();
            if (nr == 0 || na == 0) {
                return NONE;
            }
            double auc = upper ? Stats.auc(refused, accepted) : Stats.auc(accepted, refused);
            double chance = Stats.aucChance(auc, nr, na);
            // candidate thresholds: every bin edge of either histogram, and one past the top
            TreeSet<Long> edges = new TreeSet<>();
            for (long x : refused.edges()) {
                edges.add(x);
                edges.add(x + OffsetHistogram.width(x));
            }
            for (long x : accepted.edges()) {
                edges.add(x);
                edges.add(x + OffsetHistogram.width(x));
            }
            long best = Long.MAX_VALUE;
            long bestEdge = 0;
            long[] mis = new long[edges.size()];
            long[] ex = new long[edges.size()];
            long[] fp = new long[edges.size()];
            Long[] es = edges.toArray(new Long[0]);
            for (int i = 0; i < es.length; i++) {
                long t = es[i];
                long rAbove = countFrom(refused, t);
                long aAbove = countFrom(accepted, t);
                long explains = upper ? rAbove : nr - rAbove;
                long falsePos = upper ? aAbove : na - aAbove;
                ex[i] = explains;
                fp[i] = falsePos;
                mis[i] = (nr - explains) + falsePos;
                if (mis[i] < best) {
                    best = mis[i];
                    bestEdge = t;
                }
            }
            double tol = Math.max(1, 1.96 * Math.sqrt(best));
            double lo = Double.NaN;
            double hi = Double.NaN;
            double bLo = Double.NaN;
            double bHi = Double.NaN;
            long bestExplains = 0;
            long bestFp = 0;
            for (int i = 0; i < es.length; i++) {
                double s = es[i] / 1000.0;
                if (mis[i] <= best + tol) {
                    lo = Double.isNaN(lo) ? s : Math.min(lo, s);
                    hi = Double.isNaN(hi) ? s : Math.max(hi, s);
                }
                if (mis[i] == best) {
                    bLo = Double.isNaN(bLo) ? s : Math.min(bLo, s);
                    bHi = Double.isNaN(bHi) ? s : Math.max(bHi, s);
                }
                if (es[i] == bestEdge) {
                    bestExplains = ex[i];
                    bestFp = fp[i];
                }
            }
            return new Separation(auc, chance, bestEdge / 1000.0, lo, hi, bLo, bHi, bestExplains, bestFp, nr);
        }

        private static long countFrom(OffsetHistogram h, long edge) {
            long n = 0;
            long[] e = h.edges();
            for (int i = e.length - 1; i >= 0 && e[i] >= edge; i--) {
                n += h.counts()[i];
            }
            return n;
        }

        /**
         * The clocks explain the refusals: the boundary holds 80% of them on its far side with at most
         * a quarter as many accepted ones there (the edge) and the ranks agree (AUC 0.75) beyond chance
         * (0.05); or the ranks alone are clear (AUC 0.9, chance below 1e-3) while the boundary is fuzzy
         * (delivery delays of seconds against clocks fast by a second).
         */
        boolean holds() {
            boolean boundary = explains >= 0.8 * refused && falsePositives <= Math.max(2, 0.25 * explains)
                    && auc >= 0.75 && chance < 0.05;
            boolean ranks = auc >= 0.9 && chance < 1e-3; // a fuzzy boundary (delivery delays), but clear ranks
            return refused > 0 && explains > 0 && (boundary || ranks);
        }
    }

    /**
     * iat's offset in the densest {@value Diagnoser#WINDOW} s window of a histogram.
     *
     * @param share tokens in the window / all tokens
     * @param mean the window's mean offset, s
     * @param sd the window's standard deviation, s
     * @param first the window's first non-empty bin edge, s
     * @param last the window's last non-empty bin's upper edge, s
     * @param samples independent samples (distinct mint seconds, or tokens), at most the tokens in the window
     */
    record Fit(double share, double mean, double sd, double first, double last, long samples) {
        static Fit of(OffsetHistogram h, long independent) {
            long n = h.total();
            if (n == 0) {
                return new Fit(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double[] w = h.densestWindow(WINDOW);
            double start = w[0];
            long in = (long) w[1];
            double mean = h.mean(start, start + WINDOW);
            double sd = h.sd(start, start + WINDOW);
            double first = Double.NaN;
            double last = Double.NaN;
            for (int i = 0; i < h.edges().length; i++) {
                double s = h.edges()[i] / 1000.0;
                if (s >= start && s < start + WINDOW) {
                    first = Double.isNaN(first) ? s : first;
                    last = s + OffsetHistogram.width(h.edges()[i]) / 1000.0;
                }
            }
            return new Fit(in / (double) n, mean, sd, first, last, Math.max(1, Math.min(in, independent)));
        }

        boolean concentrated() {
            return share >= CONCENTRATED;
        }

        /** The minting clock's offset if iat = floor(now): the mean fraction below a whole second is 0.5. */
        double delta() {
            return mean + 0.5;
        }

        double se() {
            double s = Double.isNaN(sd) ? FLOOR_SD : Math.max(sd, FLOOR_SD);
            return s / Math.sqrt(samples);
        }

        /**
         * 95% interval of {@link #delta()}, kept within what floor allows, widened by two bins for the
         * binning and a remote call's half latency: [last bin's top - 0.2, first bin + 1.2]. When
         * that cut would leave out the estimate itself (a latency-skewed window: the mean sits past
         * the bins' floor range), the interval is the union of the two, so it always holds
         * {@link #delta()}.
         */
        double[] interval() {
            double d = delta();
            double lo = d - 1.96 * se();
            double hi = d + 1.96 * se();
            double fLo = Math.min(last - 0.2, first + 1.2);
            double fHi = Math.max(last - 0.2, first + 1.2);
            double a = Math.max(lo, fLo);
            double b = Math.min(hi, fHi);
            return a <= d && d <= b ? new double[] {a, b} : new double[] {Math.min(lo, fLo), Math.max(hi, fHi)};
        }
    }

    /** The whole number of quarter hours {@code seconds} is within {@code tol} s of (non-zero, up to 14 h), else 0. */
    static long quarterOff(double seconds, double tol) {
        long k = Math.round(seconds / QUARTER);
        if (k == 0 || Math.abs(k) > 56 || Math.abs(seconds - k * QUARTER) > tol) {
            return 0;
        }
        return k;
    }

    /**
     * A boundary for people: "31.1 s" when the thresholds that fit best span 5 s or less, else "a
     * boundary between a and b" (at small N the gap between the fastest accepted and the slowest refused).
     */
    static String boundary(Separation s) {
        double lo = Math.abs(s.bestLow());
        double hi = Math.abs(s.bestHigh());
        if (Math.abs(hi - lo) <= 5) {
            return duration(Math.abs(s.threshold()));
        }
        return "a boundary between " + duration(Math.min(lo, hi)) + " and " + duration(Math.max(lo, hi));
    }

    /** Seconds for people: "31.1 s", "4 min 10 s", "3 h". */
    static String duration(double seconds) {
        return Durations.signedSeconds(Duration.ofMillis(Math.round(seconds * 1000)))
                .replaceFirst("^[+]", "");
    }

    static String hours(long quarters) {
        long q = Math.abs(quarters);
        String s = (q / 4 > 0 ? q / 4 + " h" : "") + (q % 4 > 0 ? (q / 4 > 0 ? " " : "") + (q % 4) * 15 + " min" : "");
        return (quarters > 0 ? "+" : "-") + s;
    }

    static String chance(double p) {
        if (p < 1e-12) {
            return "below 1e-12";
        }
        if (p >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", p);
        }
        return String.format(Locale.ROOT, "%.1g", p);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    static String s1(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    static String signed1(double s) {
        return String.format(Locale.ROOT, "%+.1f", s);
    }

    static String signed2(double s) {
        return String.format(Locale.ROOT, "%+.2f", s);
    }

    static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
