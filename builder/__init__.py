"""Mieruka: a static site generator for Japanese municipal 事務事業マネジメントシート.

The packages are the stages of the pipeline, in order; a stage imports only from stages
before it (``tests/portal/test_architecture.py`` holds the tree to this):

1. ``util``      helpers every stage uses (URLs, era years, formatting, YAML reading, the cache,
                 ICU word segmentation)
2. ``records``   the sheet record, its fields declared once, the data files and their schema
3. ``settings``  every settings file of ``content/``, checked against its JSON Schema and read once
4. ``parse``     sheet text to records, and the data stage: ``content/data/<fy>/<code>.yaml``
5. ``catalog``   the published records grouped: projects, departments, history, corrections
6. ``downloads`` CSV, JSON, YAML, zip, SQLite and the data package, from the same records
7. ``pages``     page contexts, figures and charts, rendering
8. ``search``    each page's record (the texts its template marks), the Pagefind index, readings
9. ``publish``   the built site swapped into place; the preview server

``build`` runs them all; ``cli`` is the command line; ``errors`` is how a build reports
why it stopped.
"""

__version__ = "0.1.0"
