"""Helpers every stage uses: Japanese era years, number formatting, parallel map, progress lines,
safe reading of staff-edited YAML, URL slugs from readings, the build cache and the build report."""
