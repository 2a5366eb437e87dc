"""ALFWorld fixtures: the task on its bundled sample set."""

from __future__ import annotations

import pytest

from tasks.alfworld import ALFWorld
from tests.alfworld.helpers import SAMPLE_DIRS


@pytest.fixture
def sample_task() -> ALFWorld:
    return ALFWorld(data=dict(SAMPLE_DIRS))
