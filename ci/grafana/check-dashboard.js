// CI: the dashboard parses and queries only series the suite writes (the # TYPE lines of a run's metrics.prom).
// node ci/grafana/check-dashboard.js ci/grafana/synthetic-monitor.json reports/metrics.prom
const fs = require('fs');
const [dashboardFile, metricsFile] = process.argv.slice(2);
const dashboard = JSON.parse(fs.readFileSync(dashboardFile, 'utf8'));
const written = new Set(fs.readFileSync(metricsFile, 'utf8').split('\n')
  .filter(l => l.startsWith('# TYPE ')).map(l => l.split(' ')[2]));
const exprs = [];
(function walk(node) {
  if (Array.isArray(node)) { node.forEach(walk); return; }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'expr' || k === 'query' || k === 'definition') && typeof v === 'string') exprs.push(v);
      else walk(v);
    }
  }
})(dashboard);
const named = new Set(exprs.flatMap(e => e.match(/synthetic_monitor_[a-z_]+/g) || []));
const unknown = [...named].filter(n => !written.has(n));
if (!dashboard.panels || dashboard.panels.length === 0 || named.size === 0) {
  console.error('dashboard has no panels or queries no synthetic_monitor_ series'); process.exit(1);
}
if (unknown.length) { console.error('dashboard queries series the suite does not write: ' + unknown.join(', ')); process.exit(1); }
console.log(`dashboard ok: ${dashboard.panels.length} panels over ${named.size} series, all written by the suite`);
