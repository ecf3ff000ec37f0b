"""pydantic models: the input and the result of every calculator, and the reference data.

Every input field has a Dutch ``title`` (the form label) and ``description`` (the help text),
and bounds; the site's forms are rendered from these models, so form and validation agree.
Validators raise ``ValueError`` with a Dutch message (see errors.py); pydantic's English never
reaches a user.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class InputModel(BaseModel):
    """Base of every calculator input: unknown fields are an error, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResultModel(BaseModel):
    """Base of every calculator result."""

    model_config = ConfigDict(extra="forbid")


class DataModel(BaseModel):
    """Base of the reference data read from data/*.json: strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(DataModel):
    """Where a figure or rule comes from."""

    document: str = Field(description="Short name of the source document")
    section: str | None = Field(default=None, description="Step, page, table or article")
    url: str | None = None


class Reason(ResultModel):
    """One reason behind a result, in Dutch, with where it comes from."""

    code: str
    message: str
    source: str


# ---------------------------------------------------------------------------
# Proportionaliteit (step 2Ac)
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Contractselectie (step 2Ba)
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Quotum (letter of 7 October 2022)
# ---------------------------------------------------------------------------
