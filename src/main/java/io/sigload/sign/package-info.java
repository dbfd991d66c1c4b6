/**
 * Signers: whatever mints a Meeting SDK signature for a participant.
 *
 * <p>{@link io.sigload.sign.Signer} is the extension point (one method, thread-safe). Built-in
 * signers are found through {@link java.util.ServiceLoader} as {@link io.sigload.sign.SignerProvider}s
 * and picked by name in a scenario ({@code signer.type}). The known generator mistakes are data,
 * not classes: {@link io.sigload.sign.ClaimsRecipe} says how {@code iat} is computed
 * ({@link io.sigload.sign.IatFormula}), the unit of {@code exp}, and the JSON types of
 * {@code role} and {@code mn}.
 *
 * <p>Built in ({@code signer.type}):
 * <ul>
 *   <li>{@code java-jwt}: {@link io.sigload.sign.jwtlib.JavaJwtSigner}, the reference;
 *   <li>{@code fast}: {@link io.sigload.sign.fast.FastSigner}, sigload's own HS256 for the hot path,
 *       byte-identical to java-jwt;
 *   <li>{@code nimbus}, {@code jjwt}: {@link io.sigload.sign.jwtlib.NimbusSigner},
 *       {@link io.sigload.sign.jwtlib.JjwtSigner}, the same claims through those libraries (both refuse
 *       secrets under 256 bits: every token is then a {@code MINT_ERROR});
 *   <li>{@code legacy}: {@link io.sigload.sign.LegacySigner}, the pre-JWT Web SDK signature;
 *   <li>{@code process}: {@link io.sigload.sign.process.ProcessSigner}, an external program.
 * </ul>
 */
package io.sigload.sign;
