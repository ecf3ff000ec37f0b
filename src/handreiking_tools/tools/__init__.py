"""The working tools of issue 17, one package per tool (models, rules, view)."""
