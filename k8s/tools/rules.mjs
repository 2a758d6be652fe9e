// Spool's own rules for what its overlays render: what a schema cannot say.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const services = ["scheduler-service", "worker-service", "state-service", "storage-service"];
// The worker's capabilities when it gives tasks users of their own (README, "Tasks in a room of their own").
const taskUserCaps = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "SETGID", "SETUID"];

/** Spool's topics, from the contract that names them, so that a topic added there and not here is caught. */
function spoolTopics() {
  const source = readFileSync(join(root, "contracts/src/main/java/dev/spool/contracts/Topics.java"), "utf8");
  return [...source.matchAll(/=\s*"(spool\.[a-z.-]+)"/g)].map((m) => m[1]);
}

function seconds(duration) {
  const m = /^(\d+)(ms|s|m)$/.exec(duration ?? "");
  if (!m) return undefined;
  return Number(m[1]) / { ms: 1000, s: 1, m: 1 / 60 }[m[2]];
}

function env(container, name) {
  return container.env?.find((e) => e.name === name)?.value;
}

export function checkRules(rendering, objects) {
  const problems = [];
  const fail = (object, message) => problems.push(`${rendering}: ${object.kind} ${object.metadata?.name}: ${message}`);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);

  for (const name of services) {
    const deployment = byKind("Deployment").find((d) => d.metadata?.name === name);
    if (!deployment) {
      problems.push(`${rendering}: no Deployment ${name}`);
      continue;
    }
    const pod = deployment.spec.template.spec;
    const container = pod.containers.find((c) => c.name === name);
    if (!container) {
      fail(deployment, `no container named ${name}`);
      continue;
    }
    for (const [probe, path] of [["startupProbe", "/q/health/started"], ["livenessProbe", "/q/health/live"], ["readinessProbe", "/q/health/ready"]]) {
      if (container[probe]?.httpGet?.path !== path) fail(deployment, `${probe} must ask ${path}`);
    }
    if (!container.resources?.requests?.memory || !container.resources?.limits?.memory) {
      fail(deployment, "needs a memory request and limit: the JVM sizes its heap from the limit");
    }
    const sc = container.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) fail(deployment, "needs readOnlyRootFilesystem: true");
    if (sc.allowPrivilegeEscalation !== false) fail(deployment, "needs allowPrivilegeEscalation: false");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(deployment, "must drop ALL capabilities");
    const added = [...(sc.capabilities?.add ?? [])].sort();
    const taskUsers = name === "worker-service" && JSON.stringify(added) === JSON.stringify(taskUserCaps);
    if (added.length && !taskUsers) fail(deployment, `adds capabilities ${added.join(", ")}; only the worker may, and exactly ${taskUserCaps.join(", ")}`);
    const runAsNonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    // The one exception: the worker starts as root to drop to user 185 keeping the six capabilities (its image's
    // worker-entrypoint), since Kubernetes cannot give ambient capabilities to a container started as another user.
    if (runAsNonRoot !== true && !taskUsers) fail(deployment, "needs runAsNonRoot: true");
    if (!(container.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) fail(deployment, "needs a writable /tmp (an emptyDir), its root file system being read-only");
    for (const e of container.env ?? []) {
      if (/TOKEN|SECRET|PASSWORD|KEY$/.test(e.name) && e.value !== undefined) fail(deployment, `${e.name} is set inline; take it from a Secret (secretKeyRef)`);
    }
    if (name === "worker-service") {
      const drain = seconds(env(container, "SPOOL_WORKER_DRAIN_GRACE") ?? "30s");
      const kill = seconds(env(container, "SPOOL_WORKER_KILL_GRACE") ?? "5s");
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (!(grace > drain + kill)) {
        fail(deployment, `terminationGracePeriodSeconds ${grace} must be above drain-grace + kill-grace (${drain} + ${kill} s), or running attempts are killed without a result`);
      }
    }
  }

  for (const secret of byKind("Secret")) {
    if (secret.data || secret.stringData) fail(secret, "holds values; Secrets are created outside the manifests (k8s/README.md) and only referenced here");
  }

  const ingresses = byKind("Ingress");
  if (ingresses.length !== 1) problems.push(`${rendering}: ${ingresses.length} Ingresses; the gateway alone is exposed, through one`);
  for (const ingress of ingresses) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        if (path.backend?.service?.name !== "scheduler-service") fail(ingress, `path ${path.path} exposes ${path.backend?.service?.name}; only the gateway (scheduler-service) may be exposed`);
        if (path.path === "/" || path.path.startsWith("/q/health") || path.path.startsWith("/q/metrics")) fail(ingress, `path ${path.path} exposes health or metrics`);
      }
    }
  }
  for (const service of byKind("Service")) {
    if (service.spec?.type === "LoadBalancer" || service.spec?.type === "NodePort") fail(service, `is a ${service.spec.type}; only the Ingress exposes the gateway`);
  }

  const topics = byKind("KafkaTopic").map((t) => t.spec?.topicName ?? t.metadata.name);
  for (const topic of spoolTopics()) {
    if (!topics.includes(topic)) problems.push(`${rendering}: no KafkaTopic for ${topic} (contracts' Topics)`);
  }
  for (const topic of byKind("KafkaTopic")) {
    if (!topic.spec?.partitions || !topic.spec?.config?.["retention.ms"]) fail(topic, "needs partitions and retention.ms");
  }

  for (const name of services) {
    if (!byKind("ServiceMonitor").some((m) => m.spec?.selector?.matchLabels?.["app.kubernetes.io/name"] === name)) {
      problems.push(`${rendering}: no ServiceMonitor for ${name}`);
    }
  }
  if (!byKind("PrometheusRule").length) problems.push(`${rendering}: no PrometheusRule`);
  const dashboards = byKind("ConfigMap").filter((c) => c.metadata?.labels?.grafana_dashboard === "1");
  if (!dashboards.length) problems.push(`${rendering}: no dashboards (ConfigMaps labelled grafana_dashboard: "1")`);
  for (const dashboard of dashboards) {
    for (const [key, value] of Object.entries(dashboard.data ?? {})) {
      try {
        JSON.parse(value);
      } catch (e) {
        fail(dashboard, `${key} is not JSON: ${e.message}`);
      }
    }
  }
  return problems;
}
