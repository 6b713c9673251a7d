"""Every page of the site: URLs (``routes``), typed page contexts, figures and charts, and the
Jinja2 rendering."""
