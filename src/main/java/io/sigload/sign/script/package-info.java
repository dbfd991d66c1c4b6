/**
 * The {@code node} and {@code python} signers: a team's own signing function, unchanged, called by a
 * harness that sigload ships inside its jar ({@code harness.js}, {@code harness.py}) with the
 * participant's clock and time zone imposed from outside (@sinonjs/fake-timers; freezegun). The
 * harness children are pooled and spoken to as the {@code process} signer speaks to its children
 * ({@link io.sigload.sign.process.ProcessSigner}, JSON lines); this package only adds the
 * harness, its configuration and the start-up checks.
 */
package io.sigload.sign.script;
