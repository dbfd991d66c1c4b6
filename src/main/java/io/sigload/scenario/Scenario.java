package io.sigload.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.clock.SkewDistribution;
import io.sigload.clock.ZoneDistribution;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.IatFormula;
import io.sigload.sign.SignerFault;
import io.sigload.timing.RateStage;
import io.sigload.validate.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A loaded, checked scenario. Immutable.
 *
 * @param source the file it came from (for messages and reports)
 * @param name short name, e.g. {@code thirty-users}
 * @param description what the scenario shows
 * @param participants how many participants join, {@code >= 1}
 * @param seed the plan's seed
 * @param meeting meeting number, hosts and token lifetime
 * @param credentials SDK key and where the secret comes from (never the secret itself)
 * @param signer which signer and how it mints
 * @param clocks skews of participants, server and validator
 * @param join when participants click Join and how long delivery takes
 * @param load closed model (burst) or open model (arrival rate)
 * @param validator profile and leeway
 * @param time simulated or wall-clock time, and the simulated start
 * @param thresholds pass/fail expressions checked after the run (may be empty)
 * @param endpoint the reference signature endpoint to start in-process for an {@code http} signer,
 *     or {@code null} (the signer then needs {@code signer.url})
 */
public record Scenario(
        String source,
        String name,
        String description,
        int participants,
        long seed,
        Meeting meeting,
        Credentials credentials,
        SignerSpec signer,
        Clocks clocks,
        Join join,
        LoadModel load,
        ValidatorSpec validator,
        Time time,
        List<String> thresholds,
        Endpoint endpoint) {

    /**
     * sigload's reference signature endpoint ({@code sigload serve}), started in-process on
     * 127.0.0.1 and a free port for the run, so a remote-endpoint scenario runs as it is.
     *
     * @param clockOffset the endpoint's clock minus the true clock
     * @param iat the endpoint's {@code iat} formula
     * @param latency added latency, e.g. {@code 2ms}, {@code uniform:1ms..5ms}, {@code normal:20ms,5ms}; {@code null} for none
     * @param errorRate share of requests answered 500, 0..1
     * @param stall {@code EVERY:FOR}: stop answering for FOR every EVERY; {@code null} for none
     * @param fault a thread-safety bug injected into the endpoint's minting ({@code sigload serve --fault})
     */
    public record Endpoint(Duration clockOffset, IatFormula iat, String latency, double errorRate,
            String stall, SignerFault fault) {
        public Endpoint {
            fault = fault == null ? SignerFault.NONE : fault;
        }
    }

    /**
     * @param number meeting number, digits (the first of {@code numbers})
     * @param hosts the first {@code hosts} participants join with role 1, the rest with role 0
     * @param expirationSeconds token lifetime asked of the signer, seconds
     * @param numbers every meeting of the run, {@code number} first: participant {@code i} joins
     *     {@code numbers[i % numbers.size()]} ({@code meeting.numbers}); one element for one meeting
     */
    public record Meeting(String number, int hosts, int expirationSeconds, List<String> numbers) {
        public Meeting {
            numbers = numbers == null || numbers.isEmpty() ? List.of(number) : List.copyOf(numbers);
        }

        /** One meeting. */
        public Meeting(String number, int hosts, int expirationSeconds) {
            this(number, hosts, expirationSeconds, List.of(number));
        }
    }

    /**
     * @param sdkKey the SDK key (public)
     * @param secretEnv environment variable holding the secret, or {@code null}
     * @param secretFile file holding the secret, or {@code null}
     * @param demoSecret use the built-in fake demo secret
     * @param validatorSecretEnv a different secret for the validator (reproduces a wrong secret), or {@code null}
     */
    public record Credentials(String sdkKey, String secretEnv, String secretFile, boolean demoSecret,
            String validatorSecretEnv) {
    }

    /**
     * @param type signer plug-in name
     * @param mintedOn where tokens are minted: on the server's clock or each participant's own
     * @param recipe claims recipe for in-process signers
     * @param options the whole {@code signer} section, for plug-in specific options
     * @param fault a thread-safety bug to inject ({@code signer.fault}); {@link SignerFault#NONE} for none
     */
    public record SignerSpec(String type, MintedOn mintedOn, ClaimsRecipe recipe, JsonNode options, SignerFault fault) {
        public SignerSpec {
            fault = fault == null ? SignerFault.NONE : fault;
        }

        /** The same signer with another claims recipe. */
        public SignerSpec withRecipe(ClaimsRecipe r) {
            return new SignerSpec(type, mintedOn, r, options, fault);
        }
    }

    /** Where a token is minted. */
    public enum MintedOn {
        /** On the server, whose clock is {@code clocks.server}. */
        SERVER,
        /** In each participant's browser, on the participant's own clock. */
        CLIENT
    }

    /**
     * @param participants distribution of participants' clock skews
     * @param server the server's skew
     * @param validator the validator's (Zoom's) skew, normally zero
     * @param timezones distribution of participants' time zones ({@code clocks.timezones}); UTC when not given
     */
    public record Clocks(SkewDistribution participants, Duration server, Duration validator,
            ZoneDistribution timezones) {
        /** Clocks with every participant in UTC. */
        public Clocks(SkewDistribution participants, Duration server, Duration validator) {
            this(participants, server, validator, ZoneDistribution.UTC);
        }

        public Clocks {
            timezones = timezones == null ? ZoneDistribution.UTC : timezones;
        }
    }

    /**
     * @param window participants click Join uniformly within this window after the start
     * @param deliveryDelay time from mint to Zoom checking the token (network, clicking Join)
     * @param sessionNames Video SDK session names ({@code join.sessionName}): participant {@code i}
     *     joins {@code sessionNames[i % size]}; empty when the run names none (no {@code TPC_MISMATCH} check)
     */
    public record Join(Duration window, SkewDistribution deliveryDelay, List<String> sessionNames) {
        public Join {
            sessionNames = sessionNames == null ? List.of() : List.copyOf(sessionNames);
        }

        /** A join without session names. */
        public Join(Duration window, SkewDistribution deliveryDelay) {
            this(window, deliveryDelay, List.of());
        }
    }

    /**
     * @param profile validator profile
     * @param iatLeewaySeconds seconds {@code iat} may be in the future
     */
    public record ValidatorSpec(Profile profile, long iatLeewaySeconds) {
    }

    /**
     * @param mode simulated or wall-clock time
     * @param start simulated start instant (ignored in wall mode)
     */
    public record Time(TimeMode mode, Instant start) {
    }

    /** The closed model (burst) or the open model (arrival rate). */
    public sealed interface LoadModel {
    }

    /**
     * All participants wait at a start gate and go at once.
     *
     * @param maxInFlight at most this many participants mint at once; 0 = unbounded
     */
    public record Burst(int maxInFlight) implements LoadModel {
    }

    /** What an open-model start does when {@code maxInFlight} participants are already in flight. */
    public enum WhenFull {
        /** It is dropped and counted (k6's dropped iterations). */
        DROP,
        /**
         * It waits for a slot and starts late, counted; its latency is still measured from the
         * intended start (wrk2's fixed connections).
         */
        WAIT
    }

    /**
     * Participants start on a schedule; latency is measured from each intended start time.
     *
     * @param stages the rate schedule, in order
     * @param maxInFlight at most this many participants in flight; 0 = unbounded
     * @param whenFull what a start that finds the bound full does
     */
    public record ArrivalRate(List<RateStage> stages, int maxInFlight, WhenFull whenFull) implements LoadModel {
        public ArrivalRate {
            stages = List.copyOf(stages);
        }

        /** Whether a start that finds the bound full is dropped. */
        public boolean dropWhenFull() {
            return whenFull == WhenFull.DROP;
        }
    }

    /** A copy with another participant count. */
    public Scenario withParticipants(int n) {
        return new Scenario(source, name, description, n, seed, meeting, credentials, signer, clocks, join, load,
                validator, time, thresholds, endpoint);
    }

    /** A copy with another seed. */
    public Scenario withSeed(long s) {
        return new Scenario(source, name, description, participants, s, meeting, credentials, signer, clocks, join, load,
                validator, time, thresholds, endpoint);
    }

    /** A copy with another load model (e.g. a shard's part of {@code maxInFlight}). */
    public Scenario withLoad(LoadModel l) {
        return new Scenario(source, name, description, participants, seed, meeting, credentials, signer, clocks, join, l,
                validator, time, thresholds, endpoint);
    }

    /** A copy with another signer. */
    public Scenario withSigner(SignerSpec s) {
        return new Scenario(source, name, description, participants, seed, meeting, credentials, s, clocks, join, load,
                validator, time, thresholds, endpoint);
    }
}
