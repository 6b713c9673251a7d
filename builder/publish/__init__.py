"""Putting a built site in place safely (``swap``) and previewing it (``serve``)."""
