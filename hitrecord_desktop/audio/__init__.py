"""Live audio: recording takes to disk safely, and getting them back after a crash (no Qt)."""
