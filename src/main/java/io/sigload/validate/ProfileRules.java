package io.sigload.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Which error rules apply to a profile (docs/field-cases.md, error table and "Required claims by
 * profile"), in the order the validator checks them; for reports that list each rule as passed
 * or broken. Thread-safe: stateless.
 */
public final class ProfileRules {
    private ProfileRules() {
    }

    /** The error codes a token of this profile is checked for. */
    public static List<ReasonCode> errorRules(Profile profile) {
        List<ReasonCode> r = new ArrayList<>();
        if (profile == Profile.LEGACY) {
            r.addAll(List.of(ReasonCode.MALFORMED_TOKEN, ReasonCode.WRONG_TOKEN_KIND, ReasonCode.BAD_SIGNATURE,
                    ReasonCode.ROLE_OUT_OF_RANGE, ReasonCode.LEGACY_TS_IN_FUTURE, ReasonCode.LEGACY_EXPIRED,
                    ReasonCode.MN_MISMATCH));
            return List.copyOf(r);
        }
        r.addAll(List.of(ReasonCode.MALFORMED_TOKEN, ReasonCode.LEGACY_FORMAT, ReasonCode.NON_BASE64URL,
                ReasonCode.MALFORMED_JSON, ReasonCode.ALG_NOT_HS256, ReasonCode.BAD_SIGNATURE,
                ReasonCode.WRONG_TOKEN_KIND, ReasonCode.MISSING_CLAIM, ReasonCode.NON_NUMERIC_CLAIM,
                ReasonCode.NUMERIC_DATE_IN_MILLISECONDS, ReasonCode.ROLE_NOT_NUMBER, ReasonCode.ROLE_OUT_OF_RANGE));
        if (profile != Profile.VIDEO) {
            r.addAll(List.of(ReasonCode.MN_TYPE, ReasonCode.KEY_MISMATCH));
        }
        r.addAll(List.of(ReasonCode.IAT_IN_FUTURE, ReasonCode.EXPIRED, ReasonCode.EXP_TOO_SOON,
                ReasonCode.EXP_TOO_FAR));
        if (profile == Profile.MEETING_NATIVE) {
            r.add(ReasonCode.TOKENEXP_TOO_SOON);
        }
        r.add(profile == Profile.VIDEO ? ReasonCode.TPC_MISMATCH : ReasonCode.MN_MISMATCH);
        return List.copyOf(r);
    }
}
