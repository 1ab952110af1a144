"""Qt views of video: the preview of the clip under the playhead."""
