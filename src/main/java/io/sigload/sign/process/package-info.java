/**
 * The {@code process} signer: a team's own minting program, driven over a JSON line protocol on
 * its standard streams (see {@link io.sigload.sign.process.ProcessSigner} for the protocol, the
 * child's environment and the fault categories, {@link io.sigload.sign.process.ProcessSignerOptions}
 * for the scenario options, and {@code examples/process-signer/} for a Python example).
 */
package io.sigload.sign.process;
