/**
 * Signers: whatever mints a Meeting SDK signature for a participant.
 *
 * <p>{@link io.sigload.sign.Signer} is the extension point (one method, thread-safe). Built-in
 * signers are found through {@link java.util.ServiceLoader} as {@link io.sigload.sign.SignerProvider}s
 * and picked by name in a scenario ({@code signer.type}). The known generator mistakes are data,
 * not classes: {@link io.sigload.sign.ClaimsRecipe} says how {@code iat} is computed
 * ({@link io.sigload.sign.IatFormula}), the unit of {@code exp}, and the JSON types of
 * {@code role} and {@code mn}.
 */
package io.sigload.sign;
