"""The Dutch 404 page: links to home, the steps and the calculators that work under a sub-path."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_404_is_dutch_and_links_work_under_a_sub_path(tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(out), "--config-file", "-"],
        input='INHERIT: mkdocs.yml\nsite_url: "https://voorbeeld.invalid/handreiking/"\n', cwd=ROOT,
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (out / "404.html").read_text(encoding="utf-8")
    assert "Deze pagina bestaat niet" in html and "Not found" not in html
    block = re.search(r"<ul data-not-found-links>(.*?)</ul>", html, re.S).group(1)
    links = re.findall(r'href="([^"]+)"', block)
    assert links == ["/handreiking/", "/handreiking/stappen/stap-1/", "/handreiking/hulpmiddelen/"]
    for link in links:  # each target exists in the build
        assert (out / link.removeprefix("/handreiking/") / "index.html").is_file(), link
    # The page's own CSS is linked from the sub-path too, so it looks right at any depth.
    assert re.search(r'href="/handreiking/assets/stylesheets/main\.[^"]+\.css"', html)
