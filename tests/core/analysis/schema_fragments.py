"""The JSON Schema fragment of one result section, standalone (the bundle's shared $defs added)."""

import json
from importlib import resources

from eclaire.core.analysis.result_schema import INTERVAL


def fragment_schema(name: str) -> dict:
    text = (
        resources.files("eclaire.core")
        .joinpath("schemas", "result", f"{name}.json")
        .read_text("utf-8")
    )
    schema = json.loads(text)
    schema["$defs"] = {**schema.get("$defs", {}), "interval": INTERVAL}
    return schema
