// Validates Kubernetes manifests against the Kubernetes API's JSON schemas (kubernetes-models: one
// model per apiVersion/kind, generated from the API's OpenAPI document) and GitHub Actions workflows
// against the workflow schema (action-validator, which uses SchemaStore's schema).
//   usage: node validate.mjs FILE...   (a *.yaml of Kubernetes documents, or a workflow with jobs:)
// Prints one line per document: "ok FILE: Kind/name" or "FAIL FILE: Kind/name: what is wrong".
// Exit 0 all valid, 1 something invalid, 2 a file that cannot be read or parsed.
// Like the API server, the schemas accept unknown fields; kubectl apply --dry-run=server catches those.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { validateWorkflow } from "@action-validator/core";

let failed = 0;
let broken = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE...");
  process.exit(2);
}
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    console.log(`FAIL ${file}: cannot read: ${e.message}`);
    broken++;
    continue;
  }
  const docs = parseAllDocuments(text);
  const bad = docs.flatMap((d) => d.errors);
  if (bad.length > 0) {
    console.log(`FAIL ${file}: not valid YAML: ${bad[0].message.split("\n")[0]}`);
    broken++;
    continue;
  }
  const values = docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
  if (values.length === 1 && values[0].jobs && (values[0].on || values[0][true])) {
    const state = validateWorkflow(text);
    if (state.errors.length === 0) {
      console.log(`ok ${file}: GitHub Actions workflow (${Object.keys(values[0].jobs).join(", ")})`);
    } else {
      failed++;
      for (const e of state.errors) {
        console.log(`FAIL ${file}: workflow${e.path ? " " + e.path : ""}: ${e.title}${e.detail ? ": " + e.detail : ""}`);
      }
    }
    continue;
  }
  for (const v of values) {
    const name = `${v.kind ?? "?"}/${v.metadata?.name ?? "?"}`;
    if (typeof v.apiVersion !== "string" || typeof v.kind !== "string") {
      console.log(`FAIL ${file}: ${name}: a Kubernetes object needs apiVersion and kind`);
      failed++;
      continue;
    }
    let Model;
    try {
      Model = (await import(`kubernetes-models/${v.apiVersion}/${v.kind}`))[v.kind];
    } catch (e) {
      console.log(`FAIL ${file}: ${name}: unknown apiVersion/kind ${v.apiVersion}/${v.kind}`);
      failed++;
      continue;
    }
    try {
      new Model(v).validate();
      console.log(`ok ${file}: ${name} (${v.apiVersion})`);
    } catch (e) {
      console.log(`FAIL ${file}: ${name}: ${e.message}`);
      failed++;
    }
  }
}
process.exit(broken > 0 ? 2 : failed > 0 ? 1 : 0);
