"""The designed statements of Today and the person page: each row is read by the names
of the columns the union selects, so the two lists must agree column for column."""

from __future__ import annotations

from types import ModuleType

import pytest

from coltiva.agenda import today_rows
from coltiva.dbkit.sqlrows import literal
from coltiva.web import page_rows


@pytest.mark.parametrize("module", [today_rows, page_rows], ids=["today", "person page"])
def test_each_row_is_read_by_the_columns_the_union_selects(module: ModuleType) -> None:
    selected = ("part", *(name for name, _kind in module._COLUMNS))
    assert module._Row._fields == selected


@pytest.mark.parametrize("constant", ["planned", "promise_made", "pending"])
def test_a_models_constant_becomes_a_literal(constant: str) -> None:
    assert literal(constant) == f"'{constant}'"


@pytest.mark.parametrize("value", ["x' OR '1'='1", "Planned", "", "two words"])
def test_anything_but_a_constant_is_refused_as_a_literal(value: str) -> None:
    with pytest.raises(ValueError, match="not a constant"):
        literal(value)
