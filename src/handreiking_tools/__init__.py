"""Calculators for the guidance 'Partnerships voor meer banen'.

A pure core: no I/O beyond reading its own packaged data, no browser, no MkDocs.
The one door for every caller (tests, CLI, site build, browser) is :func:`handreiking_tools.api.run`.
"""

__version__ = "0.1.0"
