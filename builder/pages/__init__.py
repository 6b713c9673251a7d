"""Every page of the site: typed page contexts, figures and charts, and the Jinja2 rendering
(the URLs they link to come from ``builder.util.routes``)."""
