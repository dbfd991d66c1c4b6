/**
 * Field cases: a token someone sent to Zoom paired with the verdict a Zoom-like validator must
 * give (docs/field-cases.md). {@link io.sigload.validate.cases.CaseFile} reads one file,
 * {@link io.sigload.validate.cases.CaseRunner} runs a directory and reports, per case, each
 * difference between the expected and the actual verdict; {@code sigload inspect --cases DIR}
 * prints them. The same files are tests of the project ({@code src/test/resources/cases}).
 */
package io.sigload.validate.cases;
