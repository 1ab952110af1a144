"""Video: the libVLC preview player, its frames, and its sync to the audio engine (no Qt)."""
