package io.sigload.token;

/**
 * A token that is not a compact JWS at all: not three dot-separated segments, a segment that
 * cannot be decoded even leniently, or a token over {@link CompactJws#MAX_TOKEN_CHARS}.
 */
public final class TokenFormatException extends Exception {
    /** @param message what is wrong, without the token's content */
    public TokenFormatException(String message) {
        super(message, null, false, false);
    }
}
