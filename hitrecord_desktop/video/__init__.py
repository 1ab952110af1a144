"""Video (no Qt): the libVLC preview player, its frames and its sync to the audio engine; camera
frame sources, the webcam take encoder and its recovery."""
