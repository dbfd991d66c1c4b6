package io.sigload.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of {@link SignerProvider}s found with {@link ServiceLoader} on the class path.
 * Thread-safe: the provider map is built once.
 */
public final class Signers {
    private static final Map<String, SignerProvider> PROVIDERS = load();

    private Signers() {
    }

    private static Map<String, SignerProvider> load() {
        Map<String, SignerProvider> m = new TreeMap<>();
        for (SignerProvider p : ServiceLoader.load(SignerProvider.class, Signers.class.getClassLoader())) {
            m.putIfAbsent(p.name(), p);
        }
        return m;
    }

    /** The provider with this name, if one is installed. */
    public static Optional<SignerProvider> provider(String name) {
        return Optional.ofNullable(PROVIDERS.get(name));
    }

    /**
     * The one predicate for "this signer runs outside sigload's JVM and waits on I/O" ({@code process},
     * {@code http}, {@code node}, {@code python}, {@code browser}): see {@link SignerProvider#outOfProcess()}.
     * {@code false} for an unknown name.
     */
    public static boolean outOfProcess(String name) {
        SignerProvider p = PROVIDERS.get(name);
        return p != null && p.outOfProcess();
    }

    /** Installed signer names, sorted. */
    public static List<String> names() {
        return new ArrayList<>(PROVIDERS.keySet());
    }

    /**
     * Builds a signer by name.
     *
     * @throws SignerConfigException when no signer has that name (the message lists the installed
     *     names) or the provider refuses the config
     */
    public static Signer create(String name, SignerConfig config) throws SignerConfigException {
        SignerProvider p = PROVIDERS.get(name);
        if (p == null) {
            throw new SignerConfigException("type", "unknown signer '" + name + "'; installed: " + String.join(", ", names()));
        }
        return p.create(config);
    }
}
