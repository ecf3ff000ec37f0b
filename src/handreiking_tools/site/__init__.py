"""The prepare step: everything the site build needs that is generated (never imported by the core)."""
