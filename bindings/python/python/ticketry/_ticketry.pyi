from ticketry import Rule

__version__: str

def rules() -> list[Rule]: ...
