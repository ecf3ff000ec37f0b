"""An organisation's own policy profile, named in mkdocs.yml, validated and put into the site.

``mkdocs.yml`` names the file under ``extra.handreiking.policy_profile`` (a path relative to the
folder of mkdocs.yml). The file is YAML with the fields of the core's ``PolicyProfile``; with
``extends: handreiking`` (or ``rijksoverheid``) it only needs the fields it changes, the rest is
taken from that shipped profile. The prepare step

* validates it with the core's models and stops the build with one line per bad field
  (``beleid/gemeente.yml: threshold_eur.value: Vul een getal in van minstens 0.``);
* registers it as the default profile of this process, so the worked examples use it;
* writes ``docs/pyodide/site-profile.json``, which the browser worker registers at start.
  Without a profile the file says ``{"profile": null}`` and nothing changes.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import translate
from ..profile import SHIPPED, PolicyProfile, Profiles, load_profile

CONFIG_KEY = ("extra", "handreiking", "policy_profile")
CONFIG_KEY_TEXT = ".".join(CONFIG_KEY)
OUT_NAME = "site-profile.json"
EXTENDS = "extends"


class ProfileFileError(RuntimeError):
    """A profile file that stops the build; the message names the file and each bad field."""


@dataclass(frozen=True)
class SiteProfile:
    profile: PolicyProfile
    file: str  # as written in mkdocs.yml


def read_config(config: Path) -> dict[str, Any]:
    """mkdocs.yml as a dict, with INHERIT resolved the way MkDocs does it."""
    from mkdocs.utils.yaml import yaml_load  # build-time only

    try:
        with open(config, encoding="utf-8") as fh:
            return yaml_load(fh) or {}
    except RecursionError:
        raise ProfileFileError(f"{config.name}: INHERIT verwijst in een kring naar zichzelf terug (INHERIT loop).") from None
    except UnicodeDecodeError:
        raise ProfileFileError(f"{config.name}: dit bestand is niet in UTF-8 opgeslagen (not UTF-8). Sla het op als UTF-8.") from None
    except OSError as exc:
        raise ProfileFileError(f"{config.name}: dit bestand kunnen we niet lezen ({exc.strerror or exc}).") from None
    except Exception as exc:  # noqa: BLE001 - mkdocs' and yaml's own errors, named with the file
        raise ProfileFileError(f"{config.name}: dit bestand kunnen we niet lezen: {exc}") from None


def configured_file(config_data: dict[str, Any]) -> str | None:
    """The profile path that mkdocs.yml names, or None when it names none."""
    node: Any = config_data
    for key in CONFIG_KEY:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if node in (None, ""):
        return None
    if not isinstance(node, str):
        raise ProfileFileError(
            f"{CONFIG_KEY_TEXT} in mkdocs.yml moet een bestandsnaam zijn, bijvoorbeeld beleid/gemeente.yml "
            f"(must be a file name)."
        )
    return node


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """``own`` over ``base``: nested groups merge field by field, every other value replaces."""
    out = copy.deepcopy(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key != "category_percentages":
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def resolve(data: dict[str, Any], shown: str) -> dict[str, Any]:
    """The full profile dict: ``extends`` fills in what the file leaves out from a shipped profile."""
    data = dict(data)
    base_name = data.pop(EXTENDS, None)
    if base_name is None:
        return data
    if base_name not in SHIPPED:
        raise ProfileFileError(
            f"{shown}: {EXTENDS}: Kies een meegeleverd profiel om op voort te bouwen: {', '.join(SHIPPED)}."
        )
    base = load_profile(base_name).model_dump(mode="json")
    return _merge(base, data)


def validate(data: Any, shown: str) -> PolicyProfile:
    """Validate a profile read from file ``shown``; ProfileFileError with one line per bad field."""
    if not isinstance(data, dict):
        raise ProfileFileError(f"{shown}: het bestand moet velden bevatten, zoals name, label en percentage_pct.")
    full = resolve(data, shown)
    try:
        profile = PolicyProfile.model_validate(full)
    except ValidationError as exc:
        lines = [f"{shown}: {e['field'] or 'profiel'}: {e['message']}" for e in translate(exc)]
        raise ProfileFileError("\n".join(lines)) from None
    if profile.name in SHIPPED:
        raise ProfileFileError(
            f"{shown}: name: De naam '{profile.name}' is van een meegeleverd profiel. Kies een eigen naam, "
            "bijvoorbeeld gemeente-voorbeeldstad."
        )
    return profile


def load_file(path: Path, shown: str) -> PolicyProfile:
    if not path.is_file():
        raise ProfileFileError(f"{shown}: dit bestand bestaat niet (file not found; genoemd in mkdocs.yml onder {CONFIG_KEY_TEXT}).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProfileFileError(f"{shown}: dit bestand is niet in UTF-8 opgeslagen (not UTF-8). Sla het op als UTF-8 "
                               "en probeer het opnieuw.") from None
    except yaml.YAMLError as exc:
        raise ProfileFileError(f"{shown}: dit is geen geldige YAML (invalid YAML): {exc}") from None
    return validate(data, shown)


def payload(site: SiteProfile | None) -> dict[str, Any]:
    """What the browser receives: the validated profile (all fields) and the file it came from."""
    if site is None:
        return {"profile": None}
    return {"profile": site.profile.model_dump(mode="json"), "file": site.file}


def load(config: Path) -> SiteProfile | None:
    """The site's profile, read and validated, without writing or registering anything (None: no profile)."""
    config = Path(config)
    shown = configured_file(read_config(config))
    if shown is None:
        return None
    return SiteProfile(profile=load_file(config.parent / shown, shown), file=shown)


def profiles_of(site: SiteProfile | None) -> Profiles:
    """The profiles the site offers: the shipped ones, plus its own one as the default."""
    return Profiles(own=site.profile if site is not None else None)


def apply(config: Path, out_dir: Path) -> SiteProfile | None:
    """Read and validate the site's profile and write it for the browser (in out_dir); nothing is registered:
    the caller passes ``profiles_of(site)`` to the steps that compute with it."""
    site = load(config)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OUT_NAME
    text = json.dumps(payload(site), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return site
