package io.sigload.validate;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which token a join expects, and so which rules apply (field cases' README, "Required claims by
 * profile"; Zoom developer docs "Meeting SDK auth" and "Video SDK auth").
 */
public enum Profile {
    /** Meeting SDK JWT for the Web SDK: appKey/sdkKey, mn, role, iat, exp. */
    MEETING_WEB("meeting-web"),
    /** Meeting SDK JWT for native SDKs: appKey, iat, exp, tokenExp. */
    MEETING_NATIVE("meeting-native"),
    /** Video SDK JWT: app_key, role_type, tpc, version, iat, exp. */
    VIDEO("video"),
    /** The pre-JWT Web SDK signature {@code base64(key.mn.tsMillis.role.hash)}. */
    LEGACY("legacy");

    private final String wireName;

    Profile(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in scenarios, case files and on the command line, e.g. {@code meeting-web}. */
    public String wireName() {
        return wireName;
    }

    /** Looks a profile up by its wire name. */
    public static Optional<Profile> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
