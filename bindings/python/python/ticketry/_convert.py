"""Conversion between Python values and the core's JSON.

Times are timezone-aware :class:`datetime.datetime` values (a naive one is an
:class:`~ticketry.InvalidInputError`, a :class:`ValueError`); days are
:class:`datetime.date`. Dicts, lists, enums and the package's value types are
written as JSON; anything else is an :class:`~ticketry.InvalidTypeError`.
"""

import dataclasses
import datetime as _dt
import json
import re
from enum import Enum
from typing import Any, Optional

from ticketry._errors import InvalidInputError, invalid

_UTC = _dt.timezone.utc
_RFC3339 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|z|[+-]\d\d:\d\d)"
)


def text(value: Any, field: str) -> str:
    """A ``str`` (an enum's value too) that can cross to Rust as UTF-8."""
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise invalid(field, f"must be a str, not {type(value).__name__}", wrong_type=True)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise invalid(field, f"cannot be encoded as UTF-8: {e.reason}") from None
    return str(value)


def integer(value: Any, field: str, low: int, high: int) -> int:
    """An ``int`` (not a bool) within ``low..=high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, f"must be an int, not {type(value).__name__}", wrong_type=True)
    if not low <= value <= high:
        raise invalid(field, f"must be from {low} to {high}, got {value}")
    return int(value)


U32 = 2**32 - 1
U64 = 2**64 - 1


def time_out(value: Any, field: str) -> str:
    """An aware datetime as RFC 3339 text in UTC."""
    if not isinstance(value, _dt.datetime):
        raise invalid(
            field, f"must be a timezone-aware datetime, not {type(value).__name__}", wrong_type=True
        )
    try:
        offset = value.utcoffset()
    except Exception as e:  # a tzinfo of the caller's may raise anything
        raise invalid(field, f"its time zone cannot be read: {e}") from None
    if offset is None:
        raise invalid(field, "naive datetime: give a timezone-aware one (e.g. tzinfo=timezone.utc)")
    try:
        utc = (value - offset).replace(tzinfo=None).isoformat()
    except (OverflowError, TypeError, ValueError):
        raise invalid(field, "out of the supported range") from None
    return utc + "Z"


def time_in(value: str, field: str = "at") -> _dt.datetime:
    """RFC 3339 text the core wrote, as an aware datetime in UTC; one beyond
    Python's years 1 to 9999 is an :class:`~ticketry.InvalidInputError` on ``field``."""
    m = _RFC3339.fullmatch(value.strip())
    if m is None:
        raise invalid(field, f"the result {value} is not a time Python holds (years 1 to 9999)")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    zone = m.group(8)
    tz = _UTC
    if zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        tz = _dt.timezone(sign * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        return _dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz).astimezone(_UTC)
    except (ValueError, OverflowError):
        raise invalid(field, f"the result {value} is not a time Python holds (years 1 to 9999)") from None


def opt_time_in(value: Optional[str]) -> Optional[_dt.datetime]:
    return None if value is None else time_in(value)


def date_out(value: Any, field: str) -> str:
    """A :class:`datetime.date` (not a datetime) as ``YYYY-MM-DD``."""
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise invalid(field, f"must be a datetime.date, not {type(value).__name__}", wrong_type=True)
    return str(value.isoformat())


def date_in(value: str, field: str = "date") -> _dt.date:
    """A ``YYYY-MM-DD`` day the core wrote; one beyond Python's years 1 to 9999 is an
    :class:`~ticketry.InvalidInputError` on the input that led there."""
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(field, f"the result {value} is outside the dates Python holds (years 1 to 9999)") from None


def _default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return time_out(value, "time")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"a {type(value).__name__} cannot be written as JSON")


def dumps(value: Any, field: str) -> str:
    """A value as JSON text (ASCII, so it always crosses to Rust)."""
    try:
        return str(json.dumps(value, default=_default, ensure_ascii=True, allow_nan=False))
    except InvalidInputError as e:
        raise invalid(field, e.details.get("message", str(e)), wrong_type=isinstance(e, TypeError)) from None
    except TypeError as e:
        raise invalid(field, f"cannot be written as JSON: {e}", wrong_type=True) from None
    except (ValueError, RecursionError, OverflowError) as e:
        raise invalid(field, f"cannot be written as JSON: {e}") from None


def mapping_out(value: Any, field: str) -> str:
    """A dict (any mapping) as JSON text."""
    from collections.abc import Mapping

    if not isinstance(value, Mapping):
        raise invalid(field, f"must be a dict, not {type(value).__name__}", wrong_type=True)
    return dumps(dict(value), field)


def plain(value: Any) -> Any:
    """A value type as the core's JSON: dataclasses as dicts, tuples as lists,
    enums as their names, times as RFC 3339 text in UTC, days as ``YYYY-MM-DD``."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _dt.datetime):
        return time_out(value, "time")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def loads(value: str) -> Any:
    return json.loads(value)
