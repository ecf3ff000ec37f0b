"""The tools of the site, one package per tool (models, rules, view)."""
