package io.sigload.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.TokenFormatException;
import java.util.Objects;

/**
 * The fields of a join a token answers: role, meeting number and Video SDK session, as JSON values
 * of their raw type (so a role written as {@code "1"} stays a string). Used twice per failing
 * participant: what it asked for (planned) and what its token says (sent). Immutable.
 *
 * @param role {@code 0} or {@code 1} (planned); the token's {@code role} or {@code role_type} (sent);
 *     {@code null} when absent
 * @param meetingNumber the meeting number, a string; the token's {@code mn}; {@code null} when absent
 * @param sessionName the session name, a string; the token's {@code tpc}; {@code null} when absent
 *     (JSON reports write absent fields as {@code null})
 */
public record JoinFields(JsonNode role, JsonNode meetingNumber, JsonNode sessionName) {
    /** A JSON {@code null} (as read back from a report) is an absent field. */
    public JoinFields {
        role = absentIfNull(role);
        meetingNumber = absentIfNull(meetingNumber);
        sessionName = absentIfNull(sessionName);
    }

    private static JsonNode absentIfNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /**
     * What a participant asked for, written as its token should carry it: role a number, meeting
     * number and session as JSON strings.
     */
    public static JoinFields planned(int role, String meetingNumber, String sessionName) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return new JoinFields(f.numberNode(role), meetingNumber == null ? null : f.textNode(meetingNumber),
                sessionName == null ? null : f.textNode(sessionName));
    }

    /**
     * What a token says: its {@code role}/{@code role_type}, {@code mn} and {@code tpc} as raw JSON.
     *
     * @return the fields, or {@code null} when the token has no readable payload
     */
    public static JoinFields sent(String token) {
        if (token == null) {
            return null;
        }
        DecodedToken d;
        try {
            d = CompactJws.decode(token);
        } catch (TokenFormatException e) {
            return null;
        }
        JsonNode p = d.payload();
        if (p == null) {
            return null;
        }
        JsonNode role = p.has("role") ? p.get("role") : p.get("role_type");
        return new JoinFields(role, p.get("mn"), p.get("tpc"));
    }

    /**
     * Whether the token's fields differ from the request's: a field the token carries that is not
     * the planned one (a field the token leaves out, such as {@code mn} in a Video SDK token, is
     * not a difference here; the validator reports missing claims).
     */
    public boolean differsFrom(JoinFields planned) {
        return differs(role, planned.role) || differs(meetingNumber, planned.meetingNumber)
                || differs(sessionName, planned.sessionName);
    }

    private static boolean differs(JsonNode sent, JsonNode planned) {
        return sent != null && planned != null && !Objects.equals(sent.toString(), planned.toString());
    }

    /** {@code role 1, mn "123", session "a"}: the fields present, as JSON text. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (role != null) {
            b.append("role ").append(role);
        }
        if (meetingNumber != null) {
            b.append(b.isEmpty() ? "" : ", ").append("mn ").append(meetingNumber);
        }
        if (sessionName != null) {
            b.append(b.isEmpty() ? "" : ", ").append("session ").append(sessionName);
        }
        return b.toString();
    }
}
