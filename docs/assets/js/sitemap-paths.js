// Instant navigation in a build without site_url (e.g. `make dist` for an intranet whose address is not
// known when the site is built). Material follows a link without reloading the page only when the link
// is in sitemap.xml, and reads every <loc> there as an absolute address. Such a build lists the pages'
// paths relative to the site root instead (overrides/sitemap.xml); this script, loaded in the <head>
// before Material's bundle, makes them absolute against the site root as this browser sees it, just as
// Material parses the sitemap. A sitemap with absolute addresses (a build with site_url) is left as it is.
(function () {
  var script = document.currentScript;
  if (!script || typeof DOMParser !== "function" || typeof URL !== "function") return;
  var parse = /** @type {typeof DOMParser.prototype.parseFromString & {handreikingSitemap?: boolean}} */ (DOMParser.prototype.parseFromString);
  if (parse.handreikingSitemap) return; // already wrapped (the script ran before in this window)
  var root = new URL("../../", /** @type {HTMLScriptElement} */ (script).src).href; // this file is assets/js/ in the site root
  var absolute = /^[a-z][a-z0-9+.-]*:/i;
  function wrapped(text, type) {
    if (type === "text/xml" && typeof text === "string" && text.indexOf("<urlset") !== -1) {
      text = text.replace(/<loc>\s*([^<]*?)\s*<\/loc>/g, function (all, loc) {
        if (absolute.test(loc)) return all;
        var href = new URL(loc.replace(/&amp;/g, "&"), root).href;
        return "<loc>" + href.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</loc>";
      });
    }
    return parse.call(this, text, type);
  }
  wrapped.handreikingSitemap = true;
  DOMParser.prototype.parseFromString = wrapped;
})();
