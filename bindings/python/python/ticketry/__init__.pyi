from typing import Literal, TypedDict

__version__: str
__all__ = ["Rule", "__version__", "rules"]

class Rule(TypedDict):
    id: str
    regulation: Literal["repeat", "closing"]
    title_en: str
    title_ru: str

def rules() -> list[Rule]: ...
