"""The diagnostic: from an instrument, a unit tree and responses to one JSON-serializable result."""
