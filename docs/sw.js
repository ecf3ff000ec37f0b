// Service worker: the site offline after one visit, and an update taken whole, never mixed.
//
// It sits at the site root, so its scope is the site (also under a sub-path such as /handreiking/).
// `make site` (site/versioning.py) writes a manifest of ONE build, offline.<hash>.json: every page and
// every file the calculators need, each with its SHA-256, and fills in its name below. The manifest's
// hash is the version, so a new build gives a new sw.js, which the browser installs beside the old one:
// - install: the new version's files go into a new cache, each checked against its hash (so a server
//   that already has a newer build fails the install instead of mixing it; the snapshot's parts are kept
//   unpacked, see keepUnpacked); only when every file is there does the worker wait to take over;
// - the page (assets/js/offline.js) then says "Nieuwe versie beschikbaar"; "Nu bijwerken" lets the new
//   worker take over and reloads; on activate the caches of older versions are deleted;
// - fetch: files with a content code in their name come from the cache first; pages and other files
//   from the network first, with the cache as fallback when there is no network, or when the network
//   has not answered within NETWORK_WAIT_MS (a network that hangs, as on a train or behind a portal).
// With MANIFEST "" (a plain `mkdocs build`, or a site built with extra.handreiking.service_worker: false)
// this worker caches nothing and removes itself and its caches, so switching it off also cleans up
// browsers that registered it before.

const MANIFEST = "";
const SCOPE = new URL("./", self.location.href);
const PREFIX = `handreiking-offline ${SCOPE.pathname} `; // CacheStorage is per origin: one prefix per site
const CACHE = PREFIX + MANIFEST;

// How long a page waits for the network before the copy in the cache is shown (only when there is one).
// Once the network has kept one request waiting that long, the next ones show their copy at once, until
// any answer comes from the network again: a page with a few such files must not wait five seconds each.
const NETWORK_WAIT_MS = 5000;
let networkHangs = false;

let files = null; // {relative path: {kind: "hashed" | "fresh", integrity}}, read once per start of the worker

async function manifest() {
  if (files) return files;
  const cache = await caches.open(CACHE);
  const response = await cache.match(new URL(MANIFEST, SCOPE));
  files = response ? (await response.json()).files : {};
  return files;
}

async function install() {
  const response = await fetch(new URL(MANIFEST, SCOPE), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${MANIFEST}: HTTP ${response.status}`);
  const data = await response.clone().json();
  const cache = await caches.open(CACHE);
  const streams = Array.isArray(data.gzip_streams) ? data.gzip_streams : [];
  const inStream = new Set(streams.flat());
  const entries = Object.entries(data.files).filter(([path]) => !inStream.has(path));
  // A few at a time: the runtime is large, and the reader may be using the site meanwhile.
  let next = 0;
  async function lane() {
    while (next < entries.length) {
      const [path, { kind, integrity }] = entries[next++];
      const url = new URL(path, SCOPE);
      const got = await fetch(url, { integrity, cache: kind === "hashed" ? "default" : "no-cache" });
      if (!got.ok) throw new Error(`${path}: HTTP ${got.status}`);
      await cache.put(url, got);
    }
  }
  await Promise.all([lane(), lane(), lane(), ...streams.map((paths) => keepUnpacked(cache, paths, data.files))]);
  await cache.put(new URL(MANIFEST, SCOPE), response); // last: a cache with its manifest is complete
  files = data.files;
}

// The snapshot's parts are one gzip stream cut in pieces (any host can serve them as they are). Every start
// from the copy would unpack its 38 MB again: in Chromium about 0,15 s of work in the engine's worker, while
// the runtime's wasm waits for the same thread. So the copy keeps them unpacked: each part is checked against
// its hash, the whole stream is unpacked once here, and cut into as many pieces under the same names.
// engine-worker.js tells an unpacked piece from a packed one by gzip's first two bytes, so the pieces stay
// packed when the image itself starts with those bytes, and when this browser cannot unpack them (no
// DecompressionStream, or no room): the engine then unpacks them at each start, as before.
const GZIP = [0x1f, 0x8b];
async function keepUnpacked(cache, paths, files) {
  const parts = await Promise.all(paths.map(async (path) => {
    const got = await fetch(new URL(path, SCOPE), { integrity: files[path].integrity });
    if (!got.ok) throw new Error(`${path}: HTTP ${got.status}`);
    return got.blob();
  }));
  let pieces = parts;
  try {
    const image = await new Response(new Blob(parts).stream().pipeThrough(new DecompressionStream("gzip"))).blob();
    const size = Math.ceil(image.size / parts.length);
    const unpacked = parts.map((_, i) => image.slice(i * size, (i + 1) * size));
    const head = new Uint8Array(await unpacked[0].slice(0, 2).arrayBuffer());
    if (head[0] !== GZIP[0] || head[1] !== GZIP[1]) pieces = unpacked;
  } catch {
    // no DecompressionStream, or no room to unpack: the parts as they came (the engine unpacks them)
  }
  const headers = { "Content-Type": "application/octet-stream" };
  await Promise.all(paths.map((path, i) => cache.put(new URL(path, SCOPE), new Response(pieces[i], { headers }))));
}

self.addEventListener("install", (event) => {
  if (!MANIFEST) {
    self.skipWaiting();
    return;
  }
  event.waitUntil(install().catch(async (err) => {
    await caches.delete(CACHE); // nothing half; the browser tries again on a later visit
    throw err;
  }));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    if (!MANIFEST) await self.registration.unregister();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

function relative(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return path;
}

async function answer(request, path) {
  const known = (await manifest())[path];
  const key = new URL(path, SCOPE);
  if (known && known.kind === "hashed") {
    const cached = await caches.match(key, { cacheName: CACHE });
    return cached || fetch(request);
  }
  const cachedCopy = known ? caches.match(key, { cacheName: CACHE }) : Promise.resolve(undefined);
  const network = fetch(request);
  network.then(() => { networkHangs = false; }, () => {}); // errors are answered below
  let timer = 0;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, networkHangs ? 0 : NETWORK_WAIT_MS);
  }).then(async () => {
    networkHangs = true;
    return (await cachedCopy) || network;
  });
  try {
    return await Promise.race([network, late]);
  } catch (err) {
    const cached = await cachedCopy;
    if (cached) return cached;
    if (request.mode === "navigate") {
      const notFound = await caches.match(new URL("404.html", SCOPE), { cacheName: CACHE });
      if (notFound) return notFound;
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  if (!MANIFEST || event.request.method !== "GET") return;
  const path = relative(new URL(event.request.url));
  if (path === null) return;
  event.respondWith(answer(event.request, path));
});
