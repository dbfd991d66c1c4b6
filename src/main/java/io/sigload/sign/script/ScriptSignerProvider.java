package io.sigload.sign.script;

import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A script signer's registration: the team's own signing function in {@link ScriptLanguage}'s
 * interpreter, run unchanged by {@link ScriptSigner} (options {@link ScriptOptions}, plus the
 * interpreter's path under the language's own option). Thread-safe: holds only the language.
 */
abstract class ScriptSignerProvider implements SignerProvider {
    private final ScriptLanguage language;

    ScriptSignerProvider(ScriptLanguage language) {
        this.language = language;
    }

    @Override
    public final String name() {
        return language.signer();
    }

    @Override
    public final Set<String> options() {
        Set<String> s = new LinkedHashSet<>(ScriptOptions.KNOWN);
        s.add(language.interpreterOption());
        return s;
    }

    @Override
    public final boolean outOfProcess() {
        return true;
    }

    @Override
    public final Signer create(SignerConfig config) throws SignerConfigException {
        return ScriptSigner.start(language, config);
    }
}
