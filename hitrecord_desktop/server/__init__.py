"""The platform service: FastAPI app, storage, demo community. Imports nothing of the client."""
