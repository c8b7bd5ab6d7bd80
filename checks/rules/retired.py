"""Rule ids once used and withdrawn: never to be handed out again (checks.rules.registry refuses them).

The rules themselves are decorated functions in ``checks/rules/``, one file per family.
"""

from __future__ import annotations

RETIRED: frozenset[str] = frozenset()
