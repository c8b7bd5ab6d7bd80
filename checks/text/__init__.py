"""The 情况说明 text: reading it, checking its figures against the data, drafting it.

No Qt here. The entry points:

- ``split_sections(text, variant)`` — a whole document or an extract → section id → text;
- ``TextSession(project)`` / ``check_text(project)`` — findings (rules T7xx) and coverage;
- ``checks.text.draft.draft_sections(project)`` — the draft, bound to the data.
"""

from checks.text.session import Coverage, TextReport, TextSession, check_text
from checks.text.split import split_sections

__all__ = ["Coverage", "TextReport", "TextSession", "check_text", "split_sections"]
