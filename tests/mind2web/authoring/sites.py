"""The authored tasks of the bundled sample set, by Mind2Web test split (cross-task: websites seen
in training; cross-website: unseen websites of seen domains; cross-domain: unseen domains)."""

from __future__ import annotations

from tests.mind2web.authoring.dsl import Task
from tests.mind2web.authoring.sites_entertainment import REELHOUSE, STAGEPASS
from tests.mind2web.authoring.sites_info import LIBRARY, PANFOLIO, SKYCAST
from tests.mind2web.authoring.sites_service import CAREPLUS, MOTORSDEPT
from tests.mind2web.authoring.sites_shopping import NORTHMART, VOLTBAY
from tests.mind2web.authoring.sites_travel import SKYLARK, TABLEFOR, WHEELHOUSE

SPLITS: dict[str, list[Task]] = {
    "test_task": [*SKYLARK, *WHEELHOUSE, *TABLEFOR, *NORTHMART],
    "test_website": [*VOLTBAY, *STAGEPASS, *REELHOUSE],
    "test_domain": [*LIBRARY, *SKYCAST, *PANFOLIO, *MOTORSDEPT, *CAREPLUS],
}
