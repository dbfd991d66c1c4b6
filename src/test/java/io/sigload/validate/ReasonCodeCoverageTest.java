package io.sigload.validate;

import static io.sigload.validate.TestTokens.HS256;
import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.SECRET_TEXT;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.sign;
import static io.sigload.validate.TestTokens.webClaims;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Secret;
import io.sigload.validate.cases.CaseFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link ReasonCode} is produced by at least one example: the switch below has no default,
 * so a new code does not compile without an example. The field cases are checked for coverage too.
 */
class ReasonCodeCoverageTest {
    private static final byte[] KEY = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);

    private static String web(String iat, String exp) {
        return sign(webClaims(iat, exp));
    }

    private static String withRole(String role) {
        return sign(webClaims("1699999970", "1700007170").replace("\"role\":0", "\"role\":" + role));
    }

    private static String withMn(String mn) {
        return sign(webClaims("1699999970", "1700007170").replace("\"98765432101\"", mn));
    }

    private static ValidationContext ctx(Profile p, String mn, String session, List<Secret> alts) {
        return new ValidationContext(p, TestTokens.SECRET, alts, Instant.ofEpochSecond(NOW), 0, mn, null, session);
    }

    /** A verdict that must contain {@code code}. */
    static Verdict example(ReasonCode code) {
        ValidationContext web = TestTokens.web();
        String legacyNow = LegacyRulesTest.legacy("KeyAbc01", "1", NOW * 1000, "0", SECRET_TEXT);
        return switch (code) {
            case MALFORMED_TOKEN -> check("only.two", web);
            case NON_BASE64URL -> check(web("1699999970", "1700007170") + "==", web);
            case MALFORMED_JSON -> check(sign(HS256, "\"just a string\"", KEY), web);
            case ALG_NOT_HS256 -> check(sign("{\"alg\":\"none\"}", webClaims("1699999970", "1700007170"), KEY), web);
            case LEGACY_FORMAT -> check(legacyNow, web);
            case WRONG_TOKEN_KIND -> check(sign("{\"iss\":\"ApiKey01\",\"exp\":1700000060}"), web);
            case BAD_SIGNATURE, WRONG_SECRET -> check(sign(HS256, webClaims("1699999970", "1700007170"),
                    "oauth-secret-0001".getBytes(StandardCharsets.UTF_8)), ctx(Profile.MEETING_WEB, null, null,
                    List.of(Secret.of("oauth-secret-0001", "alt"))));
            case MISSING_CLAIM -> check(sign("{\"sdkKey\":\"KeyAbc01\"}"), web);
            case NON_NUMERIC_CLAIM -> check(web("\"1699999970\"", "1700007170"), web);
            case NUMERIC_DATE_IN_MILLISECONDS -> check(web("1699999970000", "1700007170"), web);
            case ROLE_NOT_NUMBER -> check(withRole("\"1\""), web);
            case ROLE_OUT_OF_RANGE -> check(withRole("2"), web);
            case MN_TYPE -> check(withMn("9.8765432101E10"), web);
            case KEY_MISMATCH -> check(sign(webClaims("1699999970", "1700007170").replace("\"sdkKey\":\"KeyAbc01\"",
                    "\"sdkKey\":\"KeyXyz02\"")), web);
            case IAT_IN_FUTURE, CLIENT_CLOCK_SKEW -> check(web("1700000100", "1700007300"), web);
            case ROUNDED_SECONDS -> check(web("1700000001", "1700007201"), web);
            case EXPIRED -> check(web("1699990000", "1699997200"), web);
            case EXP_TOO_SOON -> check(web("1699999970", "1700001170"), web);
            case EXP_TOO_FAR -> check(web("1699999970", "1707199970"), web);
            case TOKENEXP_TOO_SOON -> check(sign("{\"appKey\":\"KeyAbc01\",\"iat\":1699999970,\"exp\":1700007170,"
                    + "\"tokenExp\":1700000100}"), TestTokens.ctx(Profile.MEETING_NATIVE));
            case MN_MISMATCH -> check(web("1699999970", "1700007170"), ctx(Profile.MEETING_WEB, "1", null, List.of()));
            case TPC_MISMATCH -> check(sign("{\"app_key\":\"V\",\"role_type\":0,\"tpc\":\"a\",\"version\":1,"
                    + "\"iat\":1699999970,\"exp\":1700007170}"), ctx(Profile.VIDEO, null, "b", List.of()));
            case LEGACY_EXPIRED -> check(legacyNow, TestTokens.ctx(Profile.LEGACY, NOW + 90_000));
            case LEGACY_TS_IN_FUTURE -> check(legacyNow, TestTokens.ctx(Profile.LEGACY, NOW - 60));
            case EXP_AT_MIN_BOUNDARY -> check(web("1699999970", "1700001770"), web);
            case FRACTIONAL_NUMERIC_DATE -> check(web("1699999970.5", "1700007170"), web);
            case MN_IS_NUMBER -> check(withMn("98765432101"), web);
            case TOKENEXP_AFTER_EXP -> check(sign(webClaims("1699999970", "1700007170")
                    .replace("\"tokenExp\":1700007170", "\"tokenExp\":1700009000")), web);
            case TYP_NOT_JWT -> check(sign("{\"alg\":\"HS256\"}", webClaims("1699999970", "1700007170"), KEY), web);
            case FLOAT_PRECISION_TIME -> check(web("1700000128", "1700007328"), web);
            case TIMEZONE_AS_UTC -> check(web("1700003570", "1700010770"), web);
            case KEY_ENCODING -> check(sign(HS256, webClaims("1699999970", "1700007170"),
                    (SECRET_TEXT + "\n").getBytes(StandardCharsets.UTF_8)), web);
            case HEX_ENCODED_MAC -> check(web("1699999970", "1700007170").replaceAll("\\.[^.]*$", "." + "ab".repeat(32)),
                    web);
        };
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void everyReasonCode_isProducedByAnExample(ReasonCode code) {
        Verdict v = example(code);
        Set<ReasonCode> all = EnumSet.noneOf(ReasonCode.class);
        Stream.of(v.errors(), v.warnings(), v.hints()).flatMap(List::stream).forEach(x -> all.add(x.code()));
        assertThat(all).as("%s", v).contains(code);
    }

    @Test
    void fieldCases_coverMostCodes_andEveryCodeHasAFix() throws Exception {
        Set<ReasonCode> seen = EnumSet.noneOf(ReasonCode.class);
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("/cases").toURI()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                CaseFile c = CaseFile.read(f);
                Verdict v = Validator.zoom().validate(c.token(), c.context());
                Stream.of(v.errors(), v.warnings(), v.hints()).flatMap(List::stream).forEach(x -> seen.add(x.code()));
            }
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(Fixes.of(c)).as("fix for %s", c).isNotBlank().endsWith(".");
        }
    }
}
