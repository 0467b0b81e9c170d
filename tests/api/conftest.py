from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns about httpx; it still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from hodo.api import create_app


@pytest.fixture(scope="session")
def client(sample_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_store)) as c:
        yield c
