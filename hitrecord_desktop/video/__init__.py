"""Video: camera frame sources, the webcam take encoder and its recovery (no Qt)."""
