"""Helpers every stage uses: the URLs of the site (``routes``), Japanese era years, number
formatting, parallel map, progress lines, safe reading of staff-edited YAML, URL slugs from
readings, file locks and the build cache."""
