"""roles: filled in by issue 10."""
