"""dashboard: filled in by issue 10."""
