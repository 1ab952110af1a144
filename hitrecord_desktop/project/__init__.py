"""The project a user works on for one challenge: model, edits, lineage and file format (no Qt)."""
