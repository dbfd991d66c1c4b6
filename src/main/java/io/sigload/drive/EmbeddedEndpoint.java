package io.sigload.drive;

import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.serve.Faults;
import io.sigload.timing.Latency;
import io.sigload.serve.Minting;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.timing.Stall;
import io.sigload.token.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * The reference signature endpoint ({@code sigload serve}) started in-process on 127.0.0.1 and a
 * free port for one run, from a scenario's {@code endpoint:} section, with the scenario's SDK key
 * and secret; it also speaks h2c when the signer's {@code protocol} is {@code h2c}. Not thread-safe to close twice concurrently; close once.
 */
final class EmbeddedEndpoint implements AutoCloseable {
    private final SignatureServer server;

    private EmbeddedEndpoint(SignatureServer server) {
        this.server = server;
    }

    /**
     * Starts the endpoint.
     *
     * @throws ScenarioException when the server cannot listen on a loopback port
     */
    static EmbeddedEndpoint start(Scenario s, Secret secret) throws ScenarioException {
        Scenario.Endpoint e = s.endpoint();
        Faults faults = new Faults(e.latency() == null ? Latency.NONE : Latency.parse(e.latency()), e.errorRate(),
                e.stall() == null ? null : Stall.parse(e.stall()), s.seed(), e.fault());
        ServeConfig config = ServeConfig.loopback(s.credentials().sdkKey(), secret)
                .withMinting(new Minting(Clock.offset(Clock.systemUTC(), e.clockOffset()), e.iat()))
                .withFaults(faults);
        // HTTP/2 in plain text beside HTTP/1.1 when the signer asks for it (protocol: h2c)
        boolean h2c = "h2c".equals(s.signer().options().path("protocol").asText(null));
        try {
            return new EmbeddedEndpoint(SignatureServer.start(config, null, h2c));
        } catch (IOException ex) {
            throw new ScenarioException(s.source() + ": endpoint: cannot start the reference endpoint on 127.0.0.1: "
                    + ex.getMessage());
        }
    }

    URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }
}
