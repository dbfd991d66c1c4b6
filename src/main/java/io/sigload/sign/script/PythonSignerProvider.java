package io.sigload.sign.script;

import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Registers {@code python}: a Python module's signing function, run unchanged ({@link ScriptSigner},
 * options {@link ScriptOptions}, interpreter {@code signer.python}, default {@code /usr/bin/python3}). Thread-safe.
 */
public final class PythonSignerProvider implements SignerProvider {
    @Override
    public String name() {
        return "python";
    }

    @Override
    public Set<String> options() {
        Set<String> s = new LinkedHashSet<>(ScriptOptions.KNOWN);
        s.add(ScriptLanguage.PYTHON.interpreterOption());
        return s;
    }

    @Override
    public boolean outOfProcess() {
        return true;
    }

    @Override
    public Signer create(SignerConfig config) throws SignerConfigException {
        return ScriptSigner.start(ScriptLanguage.PYTHON, config);
    }
}
