package io.sigload.sign.http;

/** Every test of {@link HttpSignerContractTest} with {@code client: okhttp}. */
class HttpSignerContractOkHttpTest extends HttpSignerContractTest {
    @Override
    String client() {
        return "okhttp";
    }
}
