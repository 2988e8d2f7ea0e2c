"""How well the stored campaigns and scores match a truth file (planted or labelled):
figures with PASS/MISS against the targets, printed, never asserted."""
