package io.sigload.validate;

/** Zoom's rules for every profile. Thread-safe, stateless. (Rules arrive with the validator work.) */
final class ZoomValidator implements Validator {
    static final ZoomValidator INSTANCE = new ZoomValidator();

    private ZoomValidator() {
    }

    @Override
    public Verdict validate(String token, ValidationContext context) {
        throw new UnsupportedOperationException("validator rules not written yet");
    }
}
