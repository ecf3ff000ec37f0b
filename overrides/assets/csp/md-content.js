// Material for MkDocs 9.8.2 inline script, moved to a file so a CSP without 'unsafe-inline' scripts works.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
