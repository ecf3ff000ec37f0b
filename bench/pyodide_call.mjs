// One api.run call inside Pyodide (the site's runtime, under Node), timed in Python itself so
// neither the JS bridge nor JSON goes into the figure. Prints JSON: {"site": [ms...], "baseline": [ms...]}.
//   node bench/pyodide_call.mjs SITE_PYODIDE_DIR BASELINE_PYODIDE_DIR PAYLOAD_JSON
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const [siteDir, baseDir, payload] = process.argv.slice(2);

const TIMER = `
import json, time
def _time(fn, payload, n=200):
    data = json.loads(payload)
    fn(data)  # the first call builds pydantic's validators; not part of the figure
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn(data)
        out.append((time.perf_counter() - t) * 1000)
    return json.dumps(out)
`;

async function measure(dir, pkg, code, data) {
  const base = dir.endsWith("/") ? dir : dir + "/";
  const py = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packageBaseUrl: base });
  await py.loadPackage(pkg, { messageCallback: () => {} });
  py.runPython(TIMER + code);
  return JSON.parse(py.runPython(`_time(_fn, ${JSON.stringify(data)})`));
}

const site = await measure(siteDir, "handreiking-tools",
  "from handreiking_tools import api\n_fn = lambda d: api.run('proportionaliteit', d)", payload);
const baseline = await measure(baseDir, "bench-pkg",
  "import bench_pkg\n_fn = bench_pkg.run", JSON.stringify({ value_eur: 1200000, months: 36, kind: "dienst" }));
console.log(JSON.stringify({ site, baseline }));
