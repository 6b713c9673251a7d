"""The settings staff edit in ``content/`` (site, departments, contacts, releases, corrections,
population), each described by a JSON Schema in ``schemas/`` (``schema``) and read once into
one ``Settings`` (``read``)."""
