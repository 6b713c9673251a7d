"""The sheet record and its fields, declared once (``fields``), and the YAML data files
``content/data/<fy>/<code>.yaml`` that hold them: the open-data product and its JSON Schema."""
