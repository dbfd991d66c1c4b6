package io.sigload.clock;

import java.time.Duration;
import java.util.List;

/**
 * The default "real-world client clocks" mixture: what participants' own computer and phone
 * clocks look like when a token is minted in the browser.
 *
 * <p>The shape comes from public measurements; the exact weights are our estimates, rounded, and
 * meant to be replaced by your own measurements (scenario field {@code clocks.participants}):
 * <ul>
 *   <li><b>85% within a second or two</b> ({@code normal(0, 0.5 s)}): operating systems sync with
 *       NTP (Windows Time, systemd-timesyncd, Apple's timed, Android network time); RFC 5905's
 *       clients keep tens of milliseconds on good networks, and a Windows client that syncs only
 *       weekly drifts to about a second.</li>
 *   <li><b>10% off by seconds</b> ({@code uniform(-15 s, +15 s)}): machines that have not synced
 *       for days (sleeping laptops, blocked UDP 123 on corporate networks), where quartz drift of
 *       10-50 ppm adds up to seconds per week.</li>
 *   <li><b>4% a few minutes off</b> ({@code uniform(-5 min, +5 min)}): clocks set by hand, VMs
 *       resumed from a snapshot, phones with network time off. Chrome's clock-related HTTPS
 *       warnings (Acer et al., "Where the Wild Warnings Are", ACM CCS 2017) show such clocks are
 *       common enough to need their own error page.</li>
 *   <li><b>1% off by whole hours</b> ({@code ±1 h, ±2 h}): the wrong time zone or a missed daylight
 *       saving change with the local time kept right, which moves UTC by whole hours.</li>
 * </ul>
 */
public final class RealWorldClocks {
    private RealWorldClocks() {
    }

    /** The mixture described above. */
    public static SkewDistribution mixture() {
        return new SkewDistribution.Mixture(List.of(
                new SkewDistribution.Component(0.85, "NTP-synced",
                        new SkewDistribution.Normal(Duration.ZERO, Duration.ofMillis(500))),
                new SkewDistribution.Component(0.10, "not synced for days",
                        new SkewDistribution.Uniform(Duration.ofSeconds(-15), Duration.ofSeconds(15))),
                new SkewDistribution.Component(0.04, "set by hand / resumed VM",
                        new SkewDistribution.Uniform(Duration.ofMinutes(-5), Duration.ofMinutes(5))),
                new SkewDistribution.Component(0.01, "wrong time zone or DST",
                        new SkewDistribution.Listed(List.of(Duration.ofHours(1), Duration.ofHours(-1),
                                Duration.ofHours(2), Duration.ofHours(-2))))));
    }
}
