package io.sigload.report;

/**
 * The few statistics the diagnosis needs, on binned data: rank AUC (Mann-Whitney U) of two
 * histograms, binomial tails, the normal tail. Thread-safe: stateless.
 */
final class Stats {
    private Stats() {
    }

    /**
     * P(X_a > X_b) + P(X_a = X_b) / 2 for X_a from {@code a}, X_b from {@code b} (equal bins count as ties).
     *
     * @return AUC in 0..1, NaN when either is empty
     */
    static double auc(OffsetHistogram a, OffsetHistogram b) {
        long na = a.total();
        long nb = b.total();
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        long[] ea = a.edges();
        long[] ca = a.counts();
        long[] eb = b.edges();
        long[] cb = b.counts();
        double u = 0;
        long below = 0; // b values in bins below the current a bin
        int j = 0;
        for (int i = 0; i < ea.length; i++) {
            while (j < eb.length && eb[j] < ea[i]) {
                below += cb[j++];
            }
            long tie = j < eb.length && eb[j] == ea[i] ? cb[j] : 0;
            u += ca[i] * (below + tie / 2.0);
        }
        return u / ((double) na * nb);
    }

    /** One-sided chance of an AUC at least this far above 1/2 (normal approximation to U; exact bound when separated). */
    static double aucChance(double auc, long na, long nb) {
        if (Double.isNaN(auc) || na == 0 || nb == 0) {
            return 1;
        }
        if (auc >= 1.0) {
            return Math.exp(-logChoose(na + nb, na)); // the refused are exactly the top na: 1 in C(n, na)
        }
        double mean = na * (double) nb / 2;
        double sd = Math.sqrt(na * (double) nb * (na + nb + 1) / 12.0);
        double z = (auc * na * nb - mean) / sd;
        return upperNormal(z);
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperNormal(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** ln Γ(x), x > 0 (Lanczos, g = 7). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** ln C(n, k). */
    static double logChoose(long n, long k) {
        return logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0);
    }

    /** P(Bin(n, p) >= k), by summing the terms (n up to millions is fine: the terms fall fast). */
    static double binomialUpper(long n, long k, double p) {
        if (k <= 0) {
            return 1;
        }
        if (k > n) {
            return 0;
        }
        double lp = Math.log(p);
        double lq = Math.log1p(-p);
        double sum = 0;
        for (long i = k; i <= n; i++) {
            double term = Math.exp(logChoose(n, i) + i * lp + (n - i) * lq);
            sum += term;
            if (term < sum * 1e-12 && i > n * p) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /** log10 of the likelihood ratio of "a share k/n at one residue" against uniform residues (1/m each). */
    static double log10LikelihoodRatio(long k, long n, int m) {
        if (n == 0) {
            return 0;
        }
        double p = k / (double) n;
        double l1 = (k > 0 ? k * Math.log(p * m) : 0) + (n - k > 0 ? (n - k) * Math.log((1 - p) * m / (m - 1.0)) : 0);
        return l1 / Math.log(10);
    }
}
