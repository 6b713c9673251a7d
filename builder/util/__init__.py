"""Helpers every stage uses: Japanese era years, number formatting, parallel map, progress lines,
safe reading of staff-edited YAML, URL slugs from readings and the build cache."""
