"""The portal settings staff edit: ``content/site.yaml`` and ``content/departments.yaml``."""
