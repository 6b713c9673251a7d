"""Search: each page's record (from its context, ICU-segmented), the Pagefind index of the
records, the readings of the site's words, and the one text normalisation index and queries share."""
