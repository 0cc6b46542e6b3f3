"""Tools for people writing sources: the live preview server and the starter for a new source."""
