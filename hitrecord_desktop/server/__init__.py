"""The platform service: FastAPI app, storage and the demo community. Imports nothing of the client."""
