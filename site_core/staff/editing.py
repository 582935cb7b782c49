"""editing: filled in by issue 10."""
