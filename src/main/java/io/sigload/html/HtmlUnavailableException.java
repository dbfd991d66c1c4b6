package io.sigload.html;

/** The jar was built without chart.js (npm was missing), so no HTML report can be written; exit code 2. */
public final class HtmlUnavailableException extends RuntimeException {
    /** @param message what is missing and how to get it */
    public HtmlUnavailableException(String message) {
        super(message, null, false, false);
    }
}
