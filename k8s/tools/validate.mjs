// Validates rendered Kubernetes objects offline, three ways:
//  1. against the schema of their kind (kubernetes-models' validators: types, required fields, enums, formats);
//  2. for unknown fields, which those validators let through as the API server's pruning would, silently: each
//     object becomes a TypeScript literal typed with its kind's interface, and tsc's excess-property check names
//     every field the kind does not have, at any depth;
//  3. against Spool's own rules (rules.mjs): probes, security contexts, grace periods, secrets by reference.
//
//   node validate.mjs NAME=RENDERED.yaml...     exit 0 when every object passes, 1 otherwise
import { readFileSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { checkRules } from "./rules.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// Where each API group's models live; the core group ("v1") and the built-in groups are kubernetes-models'.
const packages = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
};

function modelPath(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = packages[group] ?? "kubernetes-models";
  return `${pkg}/${group ? apiVersion : apiVersion}/${kind}`;
}

function describe(object) {
  return `${object?.kind ?? "?"} ${object?.metadata?.name ?? "?"}`;
}

const inputs = process.argv.slice(2).map((arg) => {
  const eq = arg.indexOf("=");
  return { name: arg.slice(0, eq), file: arg.slice(eq + 1) };
});
const problems = [];
const typed = [];
let count = 0;
for (const { name, file } of inputs) {
  const objects = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      problems.push(`${name}: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = doc.toJS();
    if (object != null) objects.push(object);
  }
  for (const object of objects) {
    count++;
    const where = `${name}: ${describe(object)}`;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      problems.push(`${where}: no apiVersion or kind`);
      continue;
    }
    const path = modelPath(object.apiVersion, object.kind);
    let Model;
    try {
      Model = (await import(path))[object.kind];
    } catch {
      Model = undefined;
    }
    if (typeof Model !== "function") {
      problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind} (a wrong apiVersion, or a kind this check does not know)`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
    typed.push({ where, path, kind: object.kind, object });
  }
  for (const problem of checkRules(name, objects)) problems.push(problem);
}

// One file per object, so that tsc's line numbers point into it; the object is pretty-printed, so the line names
// the field. status is the cluster's to write and not the interfaces' concern here.
const out = join(here, "target", "typed");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = typed.map(({ path, kind, object }, i) => {
  const file = join(out, `object-${i}.ts`);
  const body = JSON.stringify(object, null, 2);
  writeFileSync(file, `import type { I${kind} } from "${path}";\nexport const object: I${kind} = ${body};\n`);
  return file;
});
if (files.length) {
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck",
    "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", ...files],
    { cwd: here, encoding: "utf8" });
  for (const line of tsc.stdout.split("\n")) {
    const m = /object-(\d+)\.ts\((\d+),\d+\): error TS\d+: (.*)/.exec(line);
    if (!m) continue;
    const { where, object } = typed[Number(m[1])];
    const source = JSON.stringify(object, null, 2).split("\n")[Number(m[2]) - 2]?.trim() ?? "";
    problems.push(`${where}: ${m[3].replace(/'\{[^']{120,}'/g, "its type")} (at ${source})`);
  }
  if (tsc.status !== 0 && !problems.length) problems.push(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
}

for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(`${count} objects in ${inputs.length} renderings, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
