"""Where each tool named by a plan step lives in mend."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ToolLink:
    url: str
    label: str


TOOL_LINKS: dict[str, ToolLink] = {
    "coach": ToolLink("/coach/", "Open the message coach"),
    "checkin": ToolLink("/rituals/", "Plan the weekly check-in"),
    "acts": ToolLink("/rituals/", "Pick a small act"),
    "appreciation": ToolLink("/rituals/", "Log an appreciation"),
    "goals": ToolLink("/rituals/", "Set a shared goal"),
    "promises": ToolLink("/trust/", "Open the promises ledger"),
    "apology": ToolLink("/trust/", "Build an apology"),
    "journal": ToolLink("/journal/", "Write in your journal"),
    "attachment": ToolLink("/checkup/results/#closeness", "Read your closeness and worry result"),
    "break": ToolLink("/space/", "Set up a break when flooded"),
    "space": ToolLink("/space/", "Agree on space with rules"),
    "help": ToolLink("/help/", "Find outside help"),
    "safety": ToolLink("/safety/", "Open your private wellbeing check"),
    "invite": ToolLink("/couple/", "Invite your partner"),
}
FALLBACK = ToolLink("/checkup/", "Back to your check-up")


ATTACHMENT_QUESTIONS = ToolLink("/checkup/section/attachment/", "Answer the closeness and worry questions")


def tool_link(tool: str, *, attachment_answered: bool = True) -> ToolLink:
    """The page for a plan step's tool; the closeness questions themselves while unanswered."""
    if tool == "attachment" and not attachment_answered:
        return ATTACHMENT_QUESTIONS
    return TOOL_LINKS.get(tool, FALLBACK)
