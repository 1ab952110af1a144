"""Media pipeline (no Qt): probe and decode contributions, cache them as PCM, waveform peaks.

Import the submodules directly (`from hitrecord_desktop.media.pcm_cache import PcmCache`); this
package stays empty so that importing one part does not load PyAV or soxr for the others.
"""
