package io.sigload.sign.http;

/** Every test of {@link HttpSignerContractTest} with {@code client: helidon}. */
class HttpSignerContractHelidonTest extends HttpSignerContractTest {
    @Override
    String client() {
        return "helidon";
    }
}
