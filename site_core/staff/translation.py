"""translation: filled in by issue 10."""
