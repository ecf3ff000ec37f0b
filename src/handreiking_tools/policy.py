"""Policy profiles: the thresholds, percentages and weights of the calculators, as data.

Two profiles ship with the package (``handreiking``, the default, and ``rijksoverheid``).
A hosting organisation can supply its own profile as a dict (read from its own file by the
site build) and either pass it in a payload or register it under its name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from .data import load_json
from .errors import translate
from .models import PolicyProfile

DEFAULT = "handreiking"
SHIPPED = ("handreiking", "rijksoverheid")

_registered: dict[str, PolicyProfile] = {}
# The profile a calculator uses when its input names none: the shipped default, unless the hosting
# organisation registered its own profile as the site's default (site build and browser worker).
_default: str = DEFAULT


class ProfileError(ValueError):
    """A profile that cannot be used; the message is Dutch and names the faulty fields."""


def validate_profile(data: Any) -> PolicyProfile:
    """Validate a profile given as a dict; ProfileError (Dutch) if it is wrong."""
    if isinstance(data, PolicyProfile):
        return data
    if not isinstance(data, dict):
        raise ProfileError("Het beleidsprofiel moet een groep velden zijn (een JSON-object).")
    try:
        return PolicyProfile.model_validate(data)
    except ValidationError as exc:
        parts = [f"{e['field'] or 'profiel'}: {e['message']}" for e in translate(exc)]
        raise ProfileError("Het beleidsprofiel klopt niet. " + " ".join(parts[:10])) from None


@lru_cache(maxsize=None)
def _shipped(name: str) -> PolicyProfile:
    return validate_profile(load_json(f"profile_{name}"))


def names() -> list[str]:
    """Names of all usable profiles: shipped ones first, then registered ones."""
    return [*SHIPPED, *(n for n in _registered if n not in SHIPPED)]


def load_profile(name_or_dict: str | dict[str, Any] | PolicyProfile | None = None) -> PolicyProfile:
    """The profile called ``name_or_dict``, or the profile that dict describes (validated).

    ``None`` gives the default profile. Raises ProfileError with a Dutch message.
    """
    if name_or_dict is None:
        name_or_dict = _default
    if isinstance(name_or_dict, str):
        if name_or_dict in _registered:
            return _registered[name_or_dict]
        if name_or_dict in SHIPPED:
            return _shipped(name_or_dict)
        raise ProfileError(f"Onbekend beleidsprofiel '{name_or_dict}'. Kies uit: {', '.join(names())}.")
    return validate_profile(name_or_dict)


def register_profile(data: dict[str, Any] | PolicyProfile, default: bool = False) -> PolicyProfile:
    """Validate a hosting organisation's profile and make it loadable by its name.

    With ``default=True`` it also becomes the profile used when an input names none.
    """
    global _default
    profile = validate_profile(data)
    if profile.name in SHIPPED:
        raise ProfileError(f"De naam '{profile.name}' is al in gebruik voor een meegeleverd profiel. Kies een andere naam.")
    _registered[profile.name] = profile
    if default:
        _default = profile.name
    return profile


def unregister_profile(name: str) -> None:
    """Forget a registered profile (the shipped ones cannot be removed)."""
    global _default
    _registered.pop(name, None)
    if _default == name:
        _default = DEFAULT


def default_name() -> str:
    """Name of the profile used when an input names none."""
    return _default


def label_of(name: str) -> str:
    """The Dutch label of a usable profile."""
    return load_profile(name).label
