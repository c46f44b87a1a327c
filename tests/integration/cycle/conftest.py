"""The signed plan of Ixelles and one user per role around it (shared with the monitoring pages)."""

from tests.integration.monitoring_web.conftest import (  # noqa: F401
    admin,
    analyst,
    colleague,
    evaluator,
    owner,
    plan,
)
