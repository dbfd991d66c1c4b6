package io.sigload.sign.http;

/** Every test of {@link HttpSignerFaultsTest} with {@code client: helidon}. */
class HttpSignerFaultsHelidonTest extends HttpSignerFaultsTest {
    @Override
    String client() {
        return "helidon";
    }
}
