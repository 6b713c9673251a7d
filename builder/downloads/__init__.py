"""The open-data downloads made from the published records: CSV tables, JSON, YAML, the
zip archives, the Frictionless data package and the SQLite database."""
