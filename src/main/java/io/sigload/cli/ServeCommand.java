package io.sigload.cli;

import io.sigload.clock.Durations;
import io.sigload.scenario.DidYouMean;
import io.sigload.serve.Faults;
import io.sigload.serve.Minting;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.ServerTls;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.IatFormula;
import io.sigload.sign.SignerFault;
import io.sigload.timing.Latency;
import io.sigload.timing.Stall;
import io.sigload.token.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sigload serve}: runs the reference signature endpoint until SIGINT (or
 * {@code --stop-after}). The first stdout line is the URL; everything else goes to stderr.
 */
@Command(name = "serve",
        header = "Start a reference signature endpoint (Zoom's sample contract) with fault injection.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"POST / {meetingNumber, role, expirationSeconds, videoWebRtcMode} -> {signature, sdkKey}, on"
            + " 127.0.0.1; prints the URL on the first line of stdout. Credentials: ZOOM_MEETING_SDK_KEY and"
            + " ZOOM_MEETING_SDK_SECRET, or --demo-credentials."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (SIGINT, SIGTERM or --stop-after)", "2:bad usage, missing credentials, address in use",
            "3:internal error (a bug: --debug prints the stack trace)"})
final class ServeCommand implements Callable<Integer> {
    static final String KEY_ENV = "ZOOM_MEETING_SDK_KEY";
    static final String SECRET_ENV = "ZOOM_MEETING_SDK_SECRET";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "4000",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}, as Zoom's sample).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; others only when you mean it).")
    String bind;

    @Option(names = "--demo-credentials",
            description = "Use the built-in fake SDK key and secret instead of the environment.")
    boolean demoCredentials;

    @Option(names = "--clock-offset", paramLabel = "DURATION", defaultValue = "0",
            description = "Run the server's clock this far ahead (e.g. 90s) or behind (-2m).")
    String clockOffset;

    @Option(names = "--iat", paramLabel = "FORMULA", defaultValue = "floor", completionCandidates = IatNames.class,
            description = "iat formula (default: ${DEFAULT-VALUE}, as Zoom's sample): ${COMPLETION-CANDIDATES}.")
    String iat;

    @Option(names = "--latency", paramLabel = "SPEC", defaultValue = "0",
            description = "Added latency: 20ms, uniform:5ms..50ms or normal:20ms,5ms.")
    String latency;

    @Option(names = "--error-rate", paramLabel = "P", defaultValue = "0",
            description = "Share of requests answered 500, 0..1 (e.g. 0.05).")
    double errorRate;

    @Option(names = "--stall", paramLabel = "EVERY:FOR",
            description = "Stop answering for FOR every EVERY, e.g. 10s:2s.")
    String stall;

    @Option(names = "--fault", paramLabel = "BUG", defaultValue = "none", completionCandidates = FaultNames.class,
            description = {"A thread-safety bug in the minting code (default: ${DEFAULT-VALUE}):",
                "${COMPLETION-CANDIDATES}.", // lines of their own: picocli wraps at '-' and '.'
                "shared-mac: one javax.crypto.Mac for every request;",
                "shared-claims: one mutable claims object;",
                "cached-token: the token kept in a shared field.",
                "A race: which requests it spoils varies from run to run, whatever --seed says."})
    String fault;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for latency draws and injected errors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop-after", paramLabel = "DURATION",
            description = "Stop by itself after this long, e.g. 60s (default: run until SIGINT).")
    String stopAfter;

    @Option(names = "--tls", description = "Serve HTTPS with a self-signed certificate made at start (EC P-256, for"
            + " 127.0.0.1, localhost, ::1 and the --bind address); its SHA-256 fingerprint is printed and its PEM"
            + " written to --cert-out, for the http signer's caFile:.")
    boolean tls;

    @Option(names = "--cert-out", paramLabel = "FILE",
            description = "With --tls: where to write the certificate (PEM). Default: a new file in the temp directory.")
    Path certOut;

    @Option(names = "--http2", description = "Also speak HTTP/2: with --tls h2 chosen by ALPN (http/1.1 for clients that"
            + " ask for it); without, h2c by prior knowledge or the HTTP/1.1 Upgrade, beside plain HTTP/1.1.")
    boolean http2;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration limit = stopAfter == null ? null : option("--stop-after", stopAfter);
        ServeConfig config = config(System.getenv());
        ServerTls serverTls = null;
        if (tls) {
            List<String> names = new ArrayList<>(ServerTls.LOOPBACK_NAMES);
            if (!names.contains(bind)) {
                names.add(bind);
            }
            serverTls = ServerTls.selfSigned(names, Duration.ofDays(7));
            Path pem = certOut != null ? certOut : Files.createTempFile("sigload-serve-", ".pem");
            try {
                Files.writeString(pem, serverTls.pem());
            } catch (IOException e) {
                throw new UsageException("--cert-out: cannot write " + pem + ": " + e.getMessage());
            }
            err.println("sigload serve: TLS certificate for " + serverTls.names() + ", SHA-256 fingerprint "
                    + serverTls.fingerprint() + "; PEM in " + pem + " (signer caFile:)");
            err.flush();
        }
        if (http2) {
            err.println("sigload serve: HTTP/2 " + (tls ? "(h2) by ALPN, http/1.1 for clients that ask for it"
                    : "in plain text (h2c) by prior knowledge or Upgrade: h2c, beside HTTP/1.1")
                    + ", up to " + SignatureServer.MAX_CONCURRENT_STREAMS + " streams per connection");
            err.flush();
        }
        SignatureServer server;
        try {
            server = SignatureServer.start(config, serverTls, http2);
        } catch (IOException e) {
            throw new UsageException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        String[] bySignal = new String[1];
        try (Signals signals = Signals.install(sig -> {
            bySignal[0] = sig;
            stopped.countDown();
        }, err)) {
            out.println(server.uri());
            out.flush();
            InetAddress a = config.bind().getAddress();
            if (!a.isLoopbackAddress()) {
                err.println("sigload serve: warning: listening on " + bind + (a.isAnyLocalAddress() ? " (every interface)" : "")
                        + ": anyone who can reach this machine can mint signatures with its secret; use --bind"
                        + " 127.0.0.1 unless you mean it");
            }
            err.println("sigload serve: " + describe(config) + "; Ctrl-C stops");
            err.flush();
            if (limit == null) {
                stopped.await();
            } else {
                stopped.await(limit.toNanos(), TimeUnit.NANOSECONDS);
            }
            server.close();
            err.println("sigload serve: stopped" + (bySignal[0] == null ? "" : " by SIG" + bySignal[0]) + " after "
                    + server.requests() + " requests, answers by status " + server.statuses());
            err.flush();
        }
        return Main.OK;
    }

    ServeConfig config(Map<String, String> env) {
        String envSecret = env.get(SECRET_ENV);
        if (!demoCredentials && envSecret != null && !envSecret.isEmpty() && spec != null) {
            // before any option is checked: an error never echoes it
            SecretOptions.protect(spec, Secret.of(envSecret, "env " + SECRET_ENV));
        }
        IatFormula formula = IatFormula.fromWireName(iat).orElseThrow(() -> new UsageException(
                "--iat: unknown formula '" + iat + "'; allowed: " + IatFormula.allowed()));
        Duration offset = option("--clock-offset", clockOffset);
        Latency lat;
        try {
            lat = Latency.parse(latency);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--latency: " + e.getMessage());
        }
        Stall st;
        try {
            st = stall == null ? null : Stall.parse(stall);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stall: " + e.getMessage());
        }
        SignerFault race = SignerFault.fromWireName(fault).orElseThrow(() -> {
            String guess = DidYouMean.closest(fault, Arrays.stream(SignerFault.values()).map(SignerFault::wireName).toList());
            return new UsageException("--fault: unknown fault '" + fault + "'; allowed: " + SignerFault.allowed()
                    + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
        });
        Faults faults;
        try {
            faults = new Faults(lat, errorRate, st, seed, race);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--error-rate: " + e.getMessage());
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: '" + bind + "' is not an address of this machine");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port: " + port + " is not a TCP port (0..65535; 0 picks a free one)");
        }
        // the options are checked first: a bad --fault is reported whether or not credentials are set
        String key;
        Secret secret;
        if (demoCredentials) {
            key = "sigload-demo-sdk-key";
            secret = Secret.demo();
        } else {
            String k = env.get(KEY_ENV);
            String s = env.get(SECRET_ENV);
            if (k == null || k.isEmpty() || s == null || s.isEmpty()) {
                throw new UsageException("missing Meeting SDK credentials ("
                        + (k == null || k.isEmpty() ? KEY_ENV + (s == null || s.isEmpty() ? " and " + SECRET_ENV : "")
                        : SECRET_ENV) + " not set). Supply them as Zoom's sample does: `export " + KEY_ENV + "=..."
                        + " " + SECRET_ENV + "=...` (e.g. from your .env file), or pass --demo-credentials for a"
                        + " built-in fake key and secret");
            }
            key = k;
            secret = Secret.of(s, "env " + SECRET_ENV);
            if (spec != null) {
                SecretOptions.protect(spec, secret);
            }
        }
        return new ServeConfig(new InetSocketAddress(address, port), key, secret,
                new Minting(Clock.offset(Clock.systemUTC(), offset), formula), faults);
    }

    private static Duration option(String name, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private String describe(ServeConfig c) {
        Faults f = c.faults();
        return "sdkKey " + c.sdkKey() + ", secret from " + c.secret().source() + ", iat " + c.minting().iat().wireName()
                + ", clock offset " + clockOffset + ", latency " + latency + ", error rate " + f.errorRate()
                + ", stall " + (f.stall() == null ? "none" : Durations.format(f.stall().length()) + " every "
                + Durations.format(f.stall().every())) + ", seed " + f.seed()
                + (f.race() == SignerFault.NONE ? "" : ", fault " + f.race().wireName() + " (" + f.race().description()
                + "; a race: its verdicts are not fixed by the seed)");
    }

    /** The {@code --fault} choices, in {@link SignerFault} order. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SignerFault.values()).map(SignerFault::wireName).iterator();
        }
    }

    /** The {@code --iat} choices, in {@link IatFormula} order. */
    static final class IatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(IatFormula.values()).map(IatFormula::wireName).iterator();
        }
    }
}
