package io.sigload.report;

import io.sigload.clock.Durations;
import io.sigload.scenario.Scenario;
import io.sigload.sign.IatFormula;
import io.sigload.sign.Signers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A paragraph for people when a run's failures follow a pattern. It reasons from counters only
 * (skew ranges per outcome, counts per reason code), so it works for any number of participants.
 *
 * <ul>
 *   <li>Failures with {@code IAT_IN_FUTURE} (or {@code EXPIRED}) separated from the passing
 *       participants by clock skew: every failing clock is at least N s fast (slow), every passing
 *       one below: the tokens are minted on the participants' own clocks.</li>
 *   <li>Failures that overlap the passing participants' skews: not the participants' clocks; look
 *       at how {@code iat} is computed (rounding into the future, float precision, fractions).</li>
 *   <li>Every participant failing with the same time error while minted on the server: the
 *       server's clock.</li>
 *   <li>Mint and transport errors, the secret, types and the meeting number, by their codes.</li>
 * </ul>
 */
public final class Diagnosis {
    private Diagnosis() {
    }

    /**
     * Explains a run.
     *
     * @param r the run's result (without a diagnosis)
     * @param s the scenario, for the signer's settings
     * @return a paragraph, or a one-line "all valid" statement
     */
    public static String explain(RunResult r, Scenario s) {
        if (r.verdicts().invalid() == 0 && r.verdicts().completed() > 0) {
            return "All " + r.verdicts().valid() + " participants' tokens validate.";
        }
        List<String> parts = new ArrayList<>();
        boolean client = s.signer().mintedOn() == Scenario.MintedOn.CLIENT;
        IatFormula formula = s.signer().recipe().iatFormula();
        SkewRange ok = r.skews().valid();
        SkewRange future = r.skews().byReason().get("IAT_IN_FUTURE");
        SkewRange expired = r.skews().byReason().get("EXPIRED");
        if (future != null) {
            if (ok.count() > 0 && future.minMillis() > ok.maxMillis()) {
                parts.add("Every participant refused with IAT_IN_FUTURE has a clock at least "
                        + secs(future.minMillis()) + " fast, and every participant that got in has one at most "
                        + secs(ok.maxMillis()) + (client ? ": the tokens are minted on the participants' own clocks"
                                + " (in the browser), so a fast clock puts iat in the future."
                                + " Fix: mint signatures on your server (Zoom's sample endpoint: iat = floor(now)),"
                                + " keep its clock NTP-synced, and never on the client."
                                : ": iat follows each participant's clock, which means the token is minted where that"
                                + " clock is read (the browser), not on the server."));
            } else if (ok.count() == 0 && !client) {
                boolean remote = Signers.outOfProcess(s.signer().type());
                parts.add("Every participant is refused with IAT_IN_FUTURE whatever its own clock: "
                        + (remote ? "the signer's clock runs fast or its iat formula puts iat in the future (see"
                                + " by how much in the failures above)"
                                : "the server's clock (skew " + Durations.signedSeconds(s.clocks().server())
                                + ") or its iat formula (" + formula.expression() + ") puts iat in the future")
                        + ". Fix: sync the server with NTP and use iat = floor(now) (or floor(now) - 30 to absorb a"
                        + " server clock up to 30 s fast).");
            } else {
                parts.add("Failures with IAT_IN_FUTURE fall at random across participants, whatever their clocks"
                        + " (failing clocks " + range(future) + ", passing clocks " + range(ok)
                        + "): look at how iat is computed. The signer uses " + formula.expression()
                        + (formula.variesWithTime() ? ", which puts iat in the future for some instants and not"
                                + " others" : "")
                        + (r.verdicts().hints().containsKey("FLOAT_PRECISION_TIME") ? "; FLOAT_PRECISION_TIME hints ("
                                + r.verdicts().hints().get("FLOAT_PRECISION_TIME") + ") point at float rounding (Java's"
                                + " Math.round on a long or a float division)" : "")
                        + ". Fix: iat = Math.floorDiv(System.currentTimeMillis(), 1000) (Java) or"
                        + " Math.floor(Date.now() / 1000) (JavaScript).");
            }
        }
        if (expired != null) {
            if (ok.count() > 0 && expired.maxMillis() < ok.minMillis()) {
                parts.add("Every participant refused with EXPIRED has a clock at least " + secs(-expired.maxMillis())
                        + " slow" + (client ? ", more than the token's lifetime: tokens minted on those clocks are"
                                + " already expired when Zoom sees them. Mint on the server." : "."));
            } else {
                parts.add("Tokens are EXPIRED (" + r.verdicts().byReason().get("EXPIRED") + "): exp is behind the validator's"
                        + " clock; check the exp unit and the minting clock.");
            }
        }
        Map<String, Long> w = r.verdicts().warnings();
        if (w.containsKey("FRACTIONAL_NUMERIC_DATE")) {
            parts.add(w.get("FRACTIONAL_NUMERIC_DATE") + " tokens carry a fractional NumericDate (iat like"
                    + " 1700000000.123): RFC 7519 allows it, Zoom's docs ask for integers. Fix: Math.floor the"
                    + " seconds.");
        }
        for (var e : r.verdicts().byReason().entrySet()) {
            String code = e.getKey();
            if (code.equals("IAT_IN_FUTURE") || code.equals("EXPIRED")) {
                continue;
            }
            String why = switch (code) {
                case "BAD_SIGNATURE" -> "the MAC does not match the validator's secret: a wrong or mis-encoded secret";
                case "NON_NUMERIC_CLAIM", "ROLE_NOT_NUMBER", "MN_TYPE" -> "a claim has the wrong JSON type";
                case "NUMERIC_DATE_IN_MILLISECONDS" -> "a NumericDate is in milliseconds, not seconds";
                case "MN_MISMATCH" -> "the token's mn is not the meeting joined";
                case "EXP_TOO_SOON", "EXP_TOO_FAR" -> "exp - iat is outside 1800 s .. 48 h";
                default -> null;
            };
            if (why != null) {
                parts.add(e.getValue() + " refused with " + code + ": " + why + ".");
            }
        }
        if (!r.mintErrors().byCategory().isEmpty()) {
            long n = r.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
            parts.add(n + " participants got no token (" + String.join(", ", r.mintErrors().byCategory().keySet())
                    + "): the signer or its endpoint failed, not the token.");
        }
        return String.join(" ", parts);
    }

    private static String secs(long millis) {
        return Durations.signedSeconds(Duration.ofMillis(millis)).replaceFirst("^[+-]", "");
    }

    private static String range(SkewRange r) {
        if (r == null || r.count() == 0) {
            return "none";
        }
        return Durations.signedSeconds(Duration.ofMillis(r.minMillis())) + " .. "
                + Durations.signedSeconds(Duration.ofMillis(r.maxMillis()));
    }
}
