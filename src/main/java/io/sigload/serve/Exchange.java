package io.sigload.serve;

/**
 * One request to the reference endpoint and its answer, whatever carries them (HTTP/1.1, an
 * HTTP/2 stream, plain or TLS): what {@link SignatureHandler} reads and writes, so the endpoint's
 * contract, its minting and every injected fault live in one place apart from the transport
 * ({@link SignatureServer}).
 *
 * <p>Used by one thread at a time (the handler's); {@link #send} is called once.
 */
interface Exchange {
    /** The request method, upper case as sent ({@code POST}). */
    String method();

    /** The request target's path, without the query ({@code /}). */
    String path();

    /**
     * The request body, or {@code null} when it is over {@link SignatureHandler#MAX_REQUEST_BYTES}
     * (the transport stops collecting it there and drops the rest).
     */
    byte[] body();

    /** Sets a response header (before {@link #send}). */
    void header(String name, String value);

    /**
     * Sends the answer: the status and the body ({@code null} for none, as 204). The transport
     * sets {@code Content-Length} and keeps or closes the connection as the request asked.
     */
    void send(int status, byte[] body);
}
