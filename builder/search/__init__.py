"""Search: the ICU-segmented copy of each page, the Pagefind index of those copies, and the one
text normalisation that index and queries share."""
