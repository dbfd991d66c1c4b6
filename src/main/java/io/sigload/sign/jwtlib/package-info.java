/**
 * Signers on third-party JWT libraries, for the CLI and compares: {@code java-jwt}
 * ({@link io.sigload.sign.jwtlib.JavaJwtSigner}, the reference), {@code nimbus}
 * ({@link io.sigload.sign.jwtlib.NimbusSigner}) and {@code jjwt}
 * ({@link io.sigload.sign.jwtlib.JjwtSigner}). Outside the library (docs/library.md): those
 * libraries are optional dependencies and never reach a team's class path.
 */
package io.sigload.sign.jwtlib;
