// Run pytest on the core's test files inside Pyodide under Node, with the site's own bundle.
//
//   node tests/pyodide/run_core_tests.mjs '<json config>'
//   config: {root, pyodideDir, testWheels: [paths], packages: [lock names], files: [test paths], args: [pytest args]}
//
// Pyodide and handreiking-tools come from docs/pyodide/ exactly as the browser gets them (the
// site's lock file, every wheel already on disk, so nothing is downloaded). pytest, hypothesis and
// their dependencies are test-only wheels, verified by the caller and kept out of the site's lock.
// The project folder is mounted read-only in spirit: no bytecode, no pytest cache, hypothesis'
// database in memory. The last stdout line is "@@RESULT@@ <json>" with the outcome of every test.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const config = JSON.parse(process.argv[2]);
const pyodideDir = path.resolve(config.pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const pyodide = await loadPyodide({
  indexURL: pyodideDir,
  lockFileURL: path.join(pyodideDir, "pyodide-lock.json"),
  packageCacheDir: pyodideDir,
});
// Raw writes keep pytest's progress line intact (the default handler breaks lines at every flush).
pyodide.setStdout({ write: (buf) => { process.stdout.write(buf); return buf.length; } });
pyodide.setStderr({ write: (buf) => { process.stderr.write(buf); return buf.length; } });
// The site's standard library comes in two zips (site/speed.py): the modules a start imports, and the
// others, which the browser's worker fetches later. As there, the finder _stdlib_rest (site/stdlib_rest.py)
// puts the second in place when Python first needs a module from it (pytest needs pprint, for one).
const REST = "/lib/python_stdlib_rest.zip";
let finder = null;
try {
  finder = pyodide.pyimport("_stdlib_rest");
} catch {
  // a build without the split: the first zip is Pyodide's whole one
}
if (finder) {
  finder.install(REST, () => {
    pyodide.FS.writeFile(REST, fs.readFileSync(path.join(pyodideDir, "python_stdlib_rest.zip")));
    return true;
  }).destroy();
  finder.destroy();
}
const quiet = { messageCallback: () => {} };
await pyodide.loadPackage(["handreiking-tools", ...(config.packages || [])], quiet);
await pyodide.loadPackage(config.testWheels, quiet);

const root = path.resolve(config.root);
pyodide.FS.mkdirTree(root);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, root);
pyodide.FS.mkdirTree("/tmp/run");

pyodide.globals.set("CONFIG", pyodide.toPy({ ...config, root }));
const code = `
import json, os, sys
sys.dont_write_bytecode = True
os.chdir("/tmp/run")

import pytest
import handreiking_tools

outcomes = []

class Collect:
    def pytest_collectreport(self, report):
        if report.failed:
            outcomes.append({"nodeid": report.nodeid, "when": "collect", "outcome": "failed",
                             "detail": str(report.longrepr)[-3000:]})
        elif report.skipped:  # a whole file that cannot run here, with its reason
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            outcomes.append({"nodeid": report.nodeid, "when": "collect", "outcome": "skipped", "detail": reason})

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            detail = ""
            if report.skipped and isinstance(report.longrepr, tuple):
                detail = report.longrepr[2]
            elif report.failed:
                detail = str(report.longrepr)[-3000:]
            outcomes.append({"nodeid": report.nodeid, "when": report.when, "outcome": report.outcome, "detail": detail})

root = CONFIG["root"]
args = ["-p", "no:cacheprovider", "--rootdir", root, "-c", os.path.join(root, "pyproject.toml"),
        *CONFIG.get("args", []), *[os.path.join(root, f) for f in CONFIG["files"]]]
code = pytest.main(args, plugins=[Collect()])
print("@@RESULT@@ " + json.dumps({
    "exit_code": int(code),
    "platform": sys.platform,
    "python": sys.version.split()[0],
    "package_file": handreiking_tools.__file__,
    "outcomes": outcomes,
}))
`;
try {
  await pyodide.runPythonAsync(code);
} catch (err) {
  process.stderr.write(String(err) + "\n");
  process.exit(2);
}
