package io.sigload.sign.browser;

import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Registers {@code browser}: a signing page in headless Chromium ({@link BrowserSigner}, options
 * {@link BrowserOptions}). This class names no Selenium type, so the registry loads it even where
 * Selenium (an optional dependency) is absent; {@link #create} then says what to add. Tokens are
 * minted on each participant's own clock unless the scenario says {@code mintedOn: server}.
 * Thread-safe.
 */
public final class BrowserSignerProvider implements SignerProvider {
    private static final String INSTALL = "install Debian's chromium and chromium-driver"
            + " (apt-get install -y chromium chromium-driver), or set signer.chromium and signer.chromedriver";

    @Override
    public String name() {
        return "browser";
    }

    @Override
    public Set<String> options() {
        return new LinkedHashSet<>(BrowserOptions.KNOWN);
    }

    @Override
    public boolean outOfProcess() {
        return true;
    }

    @Override
    public Signer create(SignerConfig config) throws SignerConfigException {
        BrowserOptions o = BrowserOptions.parse(config.options(), config.baseDirectory());
        executable(o.chromium(), "chromium");
        executable(o.chromedriver(), "chromedriver");
        try {
            Class.forName("org.openqa.selenium.chrome.ChromeDriver", false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SignerConfigException("type", "the browser signer needs Selenium on the class path"
                    + " (org.seleniumhq.selenium:selenium-chrome-driver 4.x); sigload's own jar has it");
        }
        return BrowserSigner.start(o, config);
    }

    private static void executable(Path p, String option) throws SignerConfigException {
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new SignerConfigException(option, "no " + option + " at " + p + ": " + INSTALL);
        }
    }
}
