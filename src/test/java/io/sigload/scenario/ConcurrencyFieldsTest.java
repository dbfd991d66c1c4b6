package io.sigload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.sign.SignerFault;
import io.sigload.sign.TokenKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenario fields of issue #11 items 4 and 5: {@code signer.fault}, {@code endpoint.fault},
 * {@code meeting.numbers}, {@code join.sessionName} and {@code signer.kind}, with the same errors
 * as every other field (file:line:col, what is allowed, did you mean).
 */
class ConcurrencyFieldsTest {
    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "x.yaml", List.of());
    }

    @Test
    void signerFault_isReadByItsSpelling() throws Exception {
        Scenario s = parse("participants: 3\nsigner: {type: fast, fault: cached-token}\n");
        assertThat(s.signer().fault()).isEqualTo(SignerFault.CACHED_TOKEN);
        assertThat(parse("participants: 3\n").signer().fault()).isEqualTo(SignerFault.NONE);
    }

    @Test
    void signerFaultTypo_getsDidYouMean() {
        assertThatThrownBy(() -> parse("participants: 3\nsigner:\n  fault: shared-mca\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("x.yaml:3:3: signer.fault: found 'shared-mca'; allowed: none, shared-mac,"
                        + " shared-claims, cached-token. Did you mean 'shared-mac'?");
    }

    @Test
    void signerFault_onAnHttpSigner_pointsAtTheEndpointsFault() {
        assertThatThrownBy(() -> parse("participants: 3\nsigner: {type: http, url: 'http://127.0.0.1:1/', fault: shared-mac}\n"))
                .hasMessageContaining("signer.fault: found 'shared-mac', but a remote endpoint's faults are its own")
                .hasMessageContaining("endpoint: {fault: shared-mac}")
                .hasMessageContaining("sigload serve --fault shared-mac");
    }

    @Test
    void signerFault_onASignerThatCannotInjectIt_namesTheOnesThatCan() {
        assertThatThrownBy(() -> parse("participants: 3\nsigner: {type: legacy, fault: shared-mac}\n"))
                .hasMessageContaining("the legacy signer cannot inject 'shared-mac'; signers that can: fast, java-jwt");
    }

    @Test
    void endpointFault_isReadAndChecked() throws Exception {
        Scenario s = parse("participants: 3\nsigner: {type: http}\nendpoint: {fault: shared-claims}\n");
        assertThat(s.endpoint().fault()).isEqualTo(SignerFault.SHARED_CLAIMS);
        assertThatThrownBy(() -> parse("participants: 3\nsigner: {type: http}\nendpoint: {fault: cached}\n"))
                .hasMessageContaining("endpoint.fault: found 'cached'; allowed: none, shared-mac, shared-claims,"
                        + " cached-token");
    }

    @Test
    void meetingNumbers_giveEachParticipantOneInTurn() throws Exception {
        Scenario s = parse("participants: 3\nmeeting: {numbers: [\"111\", 222]}\n");
        assertThat(s.meeting().numbers()).containsExactly("111", "222");
        assertThat(s.meeting().number()).isEqualTo("111");
        assertThat(parse("participants: 3\n").meeting().numbers()).containsExactly(Defaults.MEETING_NUMBER);
    }

    @Test
    void meetingNumbers_mustBeDigits_andNotBesideNumber() {
        assertThatThrownBy(() -> parse("participants: 3\nmeeting: {numbers: [\"111\", \"2a2\"]}\n"))
                .hasMessageContaining("meeting.numbers[1]: found '2a2'; allowed: digits only");
        assertThatThrownBy(() -> parse("participants: 3\nmeeting: {number: \"1\", numbers: [\"2\"]}\n"))
                .hasMessageContaining("give either meeting.number (one meeting) or meeting.numbers (several), not both");
        assertThatThrownBy(() -> parse("participants: 3\nmeeting: {numbers: []}\n"))
                .hasMessageContaining("meeting.numbers: expected a text or a non-empty list of texts");
    }

    @Test
    void sessionName_oneOrAList_andTheVideoProfileMintsVideoTokens() throws Exception {
        Scenario one = parse("participants: 3\njoin: {sessionName: standup}\nvalidator: {profile: video}\n");
        assertThat(one.join().sessionNames()).containsExactly("standup");
        assertThat(one.signer().recipe().kind()).isEqualTo(TokenKind.VIDEO);
        Scenario list = parse("participants: 3\njoin: {sessionName: [a, b]}\n");
        assertThat(list.join().sessionNames()).containsExactly("a", "b");
        assertThat(list.signer().recipe().kind()).isEqualTo(TokenKind.MEETING);
        Scenario mismatch = parse("participants: 3\njoin: {sessionName: a}\nvalidator: {profile: video}\n"
                + "signer: {kind: meeting}\n");
        assertThat(mismatch.signer().recipe().kind()).as("a meeting token for a video session: WRONG_TOKEN_KIND")
                .isEqualTo(TokenKind.MEETING);
    }

    @Test
    void videoTokens_needASessionName_andNamesHaveTheVideoSdksLimit() {
        assertThatThrownBy(() -> parse("participants: 3\nvalidator: {profile: video}\n"))
                .hasMessageContaining("join.sessionName: missing; a Video SDK token signs the session name");
        assertThatThrownBy(() -> parse("participants: 3\njoin: {sessionName: [ok, \"" + "x".repeat(201) + "\"]}\n"))
                .hasMessageContaining("join.sessionName[1]: found 201 characters; allowed: 1 to 200");
        assertThatThrownBy(() -> parse("participants: 3\nsigner: {kind: vidoe}\n"))
                .hasMessageContaining("signer.kind: found 'vidoe'; allowed: meeting, video. Did you mean 'video'?");
    }
}
