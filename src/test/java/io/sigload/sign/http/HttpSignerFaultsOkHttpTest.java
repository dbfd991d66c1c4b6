package io.sigload.sign.http;

/** Every test of {@link HttpSignerFaultsTest} with {@code client: okhttp}. */
class HttpSignerFaultsOkHttpTest extends HttpSignerFaultsTest {
    @Override
    String client() {
        return "okhttp";
    }
}
