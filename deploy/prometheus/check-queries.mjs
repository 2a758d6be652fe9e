// Checks Spool's dashboards and alerts against a real Prometheus that scrapes a stack which has run a workflow:
//  - the dashboards' structure: unique panel ids, grid positions inside the 24 columns and not overlapping, every
//    template variable that a query uses defined, and every metric a query names present in some service's
//    /q/metrics;
//  - every panel query parses and returns data; every alert expression parses and evaluates.
//   node check-queries.mjs PROMETHEUS_URL METRICS_URL...
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const { parse } = createRequire(join(root, "k8s/tools/package.json"))("yaml");
const [prometheus, ...metricsUrls] = process.argv.slice(2);
const problems = [];
let checked = 0;

// What Grafana puts in place of its own variables and the dashboards' template variables when it runs a query.
const builtins = { __rate_interval: "1m", __interval: "15s", __range: "1h" };
function expand(expr, variables) {
  return expr.replace(/\$\{?(\w+)\}?/g, (whole, name) => {
    if (name in builtins) return builtins[name];
    if (variables.has(name)) return ".*";
    problems.push(`query uses $${name}, which is not a template variable: ${expr}`);
    return whole;
  });
}

// Metric names a query reads: identifiers followed by a selector, a range or an operator, minus PromQL's words.
const promqlWords = new Set(["sum", "max", "min", "avg", "count", "rate", "increase", "irate", "deriv", "by", "without", "on",
  "ignoring", "group_left", "group_right", "and", "or", "unless", "histogram_quantile", "time", "vector", "absent", "bool",
  "label_values", "humanize", "topk", "bottomk", "offset", "le", "quantile", "clamp_min", "clamp_max", "scalar", "abs"]);
function metricsOf(expr) {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, "{}").replace(/\[[^\]]*\]/g, "[]")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  return [...withoutStrings.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1])
    .filter((name) => !promqlWords.has(name) && !/^\d/.test(name) && /_/.test(name));
}

async function query(expr) {
  const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = await response.json();
  return { ok: response.ok && body.status === "success", error: body.error, result: body.data?.result ?? [] };
}

const exposed = new Set();
for (const url of metricsUrls) {
  const text = await (await fetch(url)).text();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (m && !line.startsWith("#")) exposed.add(m[1]);
  }
}
// Prometheus's own series, which the alerts read beside Spool's.
exposed.add("up");

const dashboardsDir = join(root, "deploy/grafana/dashboards");
for (const file of readdirSync(dashboardsDir).filter((f) => f.endsWith(".json"))) {
  const dashboard = JSON.parse(readFileSync(join(dashboardsDir, file), "utf8"));
  const where = (panel) => `${file}: panel ${panel.id} "${panel.title}"`;
  if (!dashboard.uid || !dashboard.title) problems.push(`${file}: needs a uid and a title`);
  const variables = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
  for (const v of dashboard.templating?.list ?? []) {
    if (v.type === "query" && !/label_values\((\w+)/.test(v.definition ?? "")) problems.push(`${file}: variable ${v.name} has no label_values query`);
    const metric = /label_values\((\w+)/.exec(v.definition ?? "")?.[1];
    if (metric && !exposed.has(metric)) problems.push(`${file}: variable ${v.name} reads ${metric}, which no service exposes`);
  }
  const ids = new Set();
  const cells = new Map();
  for (const panel of dashboard.panels ?? []) {
    if (ids.has(panel.id)) problems.push(`${where(panel)}: its id is not unique`);
    ids.add(panel.id);
    const g = panel.gridPos;
    if (!g || g.w < 1 || g.h < 1 || g.x < 0 || g.y < 0 || g.x + g.w > 24) {
      problems.push(`${where(panel)}: gridPos ${JSON.stringify(g)} is not inside the 24 columns`);
      continue;
    }
    for (let x = g.x; x < g.x + g.w; x++) {
      for (let y = g.y; y < g.y + g.h; y++) {
        const other = cells.get(`${x},${y}`);
        if (other !== undefined) problems.push(`${where(panel)}: overlaps panel ${other}`);
        cells.set(`${x},${y}`, panel.id);
      }
    }
    if (panel.datasource?.uid !== "${datasource}") problems.push(`${where(panel)}: its datasource is not the dashboard's $datasource`);
    if (!(panel.targets ?? []).length) problems.push(`${where(panel)}: no query`);
    for (const target of panel.targets ?? []) {
      checked++;
      for (const metric of metricsOf(target.expr)) {
        const base = metric.replace(/_(bucket|count|sum|max)$/, "");
        if (!exposed.has(metric) && !exposed.has(base)) problems.push(`${where(panel)}: ${metric} is not in any service's /q/metrics`);
      }
      const { ok, error, result } = await query(expand(target.expr, variables));
      if (!ok) problems.push(`${where(panel)}: does not parse: ${error}: ${target.expr}`);
      else if (!result.length) problems.push(`${where(panel)}: returns no data: ${target.expr}`);
    }
  }
}

const alerts = parse(readFileSync(join(here, "alerts.yml"), "utf8"));
for (const group of alerts.groups) {
  for (const rule of group.rules) {
    checked++;
    for (const metric of metricsOf(rule.expr)) {
      const base = metric.replace(/_(bucket|count|sum|max)$/, "");
      if (!exposed.has(metric) && !exposed.has(base)) problems.push(`alert ${rule.alert}: ${metric} is not in any service's /q/metrics`);
    }
    const { ok, error } = await query(rule.expr);
    if (!ok) problems.push(`alert ${rule.alert}: does not evaluate: ${error}`);
  }
}
// Prometheus loaded the same rules and evaluates them without error.
const rules = await (await fetch(`${prometheus}/api/v1/rules`)).json();
const loaded = rules.data.groups.flatMap((g) => g.rules);
for (const rule of loaded) {
  if (rule.health !== "ok") problems.push(`alert ${rule.name}: Prometheus reports ${rule.health}: ${rule.lastError}`);
}
if (loaded.length !== alerts.groups.flatMap((g) => g.rules).length) problems.push(`Prometheus loaded ${loaded.length} rules, alerts.yml has more`);

for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(`${checked} panel queries and alert expressions checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
