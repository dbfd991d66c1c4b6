package io.sigload.sign.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.sign.SignRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled rendering is byte for byte Jackson's rendering of the filled-in template tree. */
class BodyTemplateTest {
    private static final JsonMapper JSON = new JsonMapper();

    private static final List<SignRequest> REQUESTS = List.of(
            new SignRequest(0, "85746065432", 0, 7200, null, Clock.systemUTC()),
            new SignRequest(7, "85746065432", 1, 1800, 1, Clock.systemUTC()),
            new SignRequest(123456, "12\"3\\4\n5", 1, 172800, 0, Clock.systemUTC()),
            new SignRequest(-1, "ÿünïcødé ✓ \u007f", 0, 7200, null, Clock.systemUTC()),
            new SignRequest(3, "", 0, Integer.MIN_VALUE, Integer.MAX_VALUE, Clock.systemUTC()),
            new SignRequest(4, "1", 1, 7200, null, Clock.systemUTC(), "stand-up \"room\" ✓"));

    private static final List<String> TEMPLATES = List.of(
            "{}",
            "{\"meetingNumber\":\"${meetingNumber}\",\"role\":\"${role}\",\"expirationSeconds\":\"${expirationSeconds}\","
                    + "\"videoWebRtcMode\":\"${videoWebRtcMode}\"}",
            "{\"videoWebRtcMode\":\"${videoWebRtcMode}\",\"a\":1}",
            "{\"a\":\"${videoWebRtcMode}\",\"b\":\"${videoWebRtcMode}\"}",
            "{\"a\":1,\"b\":\"${videoWebRtcMode}\",\"c\":\"${videoWebRtcMode}\",\"d\":true}",
            "{\"user\":\"user-${participant}\",\"mode\":\"m=${videoWebRtcMode};\",\"x\":\"${meetingNumber}${role}\"}",
            "{\"nested\":{\"mn\":\"${meetingNumber}\",\"v\":\"${videoWebRtcMode}\",\"list\":[\"${videoWebRtcMode}\","
                    + "\"${role}\",null,1.5,\"lit\\\"eral\",{\"k\\u0001\":\"${participant}\"}]},\"f\":false,\"n\":null}",
            "{\"arr\":[\"${videoWebRtcMode}\"],\"empty\":{},\"emptyArr\":[],\"big\":12345678901234567890,\"dollar\":\"$5\","
                    + "\"unknownLooking\":\"${ notAPlaceholder}\",\"é\":\"ü${participant}\"}",
            "{\"sessionName\":\"${sessionName}\",\"role\":\"${role}\",\"topic\":\"s=${sessionName}\"}");

    @Test
    void compiledRendering_equalsTreeRendering() throws Exception {
        for (String t : TEMPLATES) {
            BodyTemplate template = BodyTemplate.of(JSON.readTree(t));
            for (SignRequest r : REQUESTS) {
                assertThat(new String(template.render(r), StandardCharsets.UTF_8))
                        .as("template %s, request %s", t, r)
                        .isEqualTo(new String(template.renderTree(r), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void sessionName_isAStringPlaceholder_leftOutWhenTheRunNamesNone() throws Exception {
        BodyTemplate t = BodyTemplate.of(JSON.readTree("{\"sessionName\":\"${sessionName}\",\"role\":\"${role}\"}"));
        assertThat(new String(t.render(REQUESTS.getLast()), StandardCharsets.UTF_8))
                .isEqualTo("{\"sessionName\":\"stand-up \\\"room\\\" ✓\",\"role\":1}");
        assertThat(new String(t.render(REQUESTS.get(0)), StandardCharsets.UTF_8)).isEqualTo("{\"role\":0}");
    }

    @Test
    void zoomSample_leavesOutAbsentVideoMode() throws Exception {
        BodyTemplate t = BodyTemplate.zoomSample();
        for (SignRequest r : REQUESTS) {
            assertThat(t.render(r)).isEqualTo(t.renderTree(r));
        }
        JsonNode body = JSON.readTree(t.render(REQUESTS.get(0)));
        assertThat(body.toString())
                .isEqualTo("{\"meetingNumber\":\"85746065432\",\"role\":0,\"expirationSeconds\":7200}");
    }
}
