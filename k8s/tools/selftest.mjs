// Proves that validate.mjs fails on what it must catch: each case breaks one thing in a good rendering and expects
// the problem it names. A check that cannot fail is no check.
//   node selftest.mjs RENDERED.yaml
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const good = parseAllDocuments(readFileSync(process.argv[2], "utf8")).map((d) => d.toJS()).filter(Boolean);
const find = (objects, kind, name) => objects.find((o) => o.kind === kind && (!name || o.metadata.name === name));
const container = (objects, name) => find(objects, "Deployment", name).spec.template.spec.containers[0];

const cases = [
  ["an unknown field in a container", /Deployment scheduler-service: .*'"imagePullPolice"' does not exist/,
    (o) => { container(o, "scheduler-service").imagePullPolice = "Always"; }],
  ["an unknown field deep in a Strimzi Kafka", /Kafka spool-kafka: .*'"replica"' does not exist/,
    (o) => { find(o, "Kafka").spec.kafka.listeners[0].replica = 3; }],
  ["a KEDA trigger metadata value that is not a string", /ScaledObject worker-service: .*(must be string|not assignable to type 'string')/,
    (o) => { find(o, "ScaledObject").spec.triggers[0].metadata.lagThreshold = 4; }],
  ["a wrong type in a CloudNativePG Cluster", /Cluster spool-postgres: .*(must be integer|not assignable)/,
    (o) => { find(o, "Cluster").spec.instances = "three"; }],
  ["an apiVersion that does not exist", /KafkaTopic spool-task-events: no schema for kafka.strimzi.io\/v9/,
    (o) => { find(o, "KafkaTopic", "spool-task-events").apiVersion = "kafka.strimzi.io/v9"; }],
  ["a missing required field", /Deployment state-service: .*(required property|is missing)/,
    (o) => { delete find(o, "Deployment", "state-service").spec.selector; }],
  ["a worker grace period below drain + kill", /terminationGracePeriodSeconds 30 must be above drain-grace \+ kill-grace/,
    (o) => { find(o, "Deployment", "worker-service").spec.template.spec.terminationGracePeriodSeconds = 30; }],
  ["a probe on another path", /livenessProbe must ask \/q\/health\/live/,
    (o) => { container(o, "storage-service").livenessProbe.httpGet.path = "/q/health"; }],
  ["a writable root file system", /readOnlyRootFilesystem: true/,
    (o) => { container(o, "state-service").securityContext.readOnlyRootFilesystem = false; }],
  ["a secret written into the manifests", /Secret spool-internal: holds values/,
    (o) => { o.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "spool-internal" }, stringData: { token: "x" } }); }],
  ["a token set inline", /SPOOL_INTERNAL_TOKEN is set inline/,
    (o) => { container(o, "worker-service").env.find((e) => e.name === "SPOOL_INTERNAL_TOKEN").value = "x"; delete container(o, "worker-service").env.find((e) => e.name === "SPOOL_INTERNAL_TOKEN").valueFrom; }],
  ["a service other than the gateway exposed", /exposes state-service/,
    (o) => { find(o, "Ingress").spec.rules[0].http.paths[0].backend.service.name = "state-service"; }],
  ["a Spool topic without its KafkaTopic", /no KafkaTopic for spool.task.results/,
    (o) => { o.splice(o.indexOf(find(o, "KafkaTopic", "spool-task-results")), 1); }],
  ["a service without a ServiceMonitor", /no ServiceMonitor for worker-service/,
    (o) => { o.splice(o.indexOf(find(o, "ServiceMonitor", "worker-service")), 1); }],
];

const dir = mkdtempSync(join(tmpdir(), "spool-k8s-selftest-"));
let failed = 0;
for (const [what, expected, breakIt] of cases) {
  const objects = structuredClone(good);
  breakIt(objects);
  const file = join(dir, "broken.yaml");
  writeFileSync(file, objects.map((o) => stringify(o)).join("---\n"));
  const run = spawnSync(process.execPath, [join(here, "validate.mjs"), `broken=${file}`], { encoding: "utf8" });
  const caught = run.status === 1 && expected.test(run.stdout);
  console.log(`${caught ? "ok  " : "FAIL"} caught: ${what}`);
  if (!caught) {
    failed++;
    console.log(run.stdout.split("\n").slice(0, 8).map((l) => `     ${l}`).join("\n"));
  }
}
console.log(`${cases.length - failed} of ${cases.length} broken renderings caught`);
process.exit(failed ? 1 : 0);
