"""Bounded integer types for every id and number a route takes (path, query or body).

The database's ids are PostgreSQL ``integer`` (at most 2**31 - 1): a bigger number in a path
(``/api/v1/campaigns/9999999999``) would reach the driver and fail with a 500. These types
refuse it up front with the usual 422 (or, for the console, a 404 for its int paths).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_INT = 2**31 - 1  # PostgreSQL integer

Id = Annotated[int, Path(ge=1, le=MAX_INT)]
"""An id in a path."""
QueryId = Annotated[int | None, Query(ge=1, le=MAX_INT)]
"""An optional id in the query string."""
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
"""A non-negative position in a list (offset, ``after``)."""
BodyId = Annotated[int, Field(ge=1, le=MAX_INT)]
"""An id in a JSON body."""
