"""Where each tool named in the knowledge content lives in the app."""

from __future__ import annotations

from collections.abc import Mapping

TOOL_URLS: Mapping[str, str] = {
    "coach": "/coach/",
    "checkin": "/rituals/",
    "goals": "/rituals/",
    "acts": "/trust/",
    "appreciation": "/trust/",
    "promises": "/trust/",
    "apology": "/trust/",
    "journal": "/journal/",
    "attachment": "/checkup/",
    "checkup": "/checkup/",
    "break": "/space/",
    "space": "/space/",
    "help": "/help/",
    "safety": "/safety/",
    "invite": "/couple/",
}

TOOL_NAMES: Mapping[str, str] = {
    "coach": "the message coach",
    "checkin": "the weekly check-in",
    "goals": "shared goals",
    "acts": "small acts",
    "appreciation": "the appreciation log",
    "promises": "promises",
    "apology": "the apology builder",
    "journal": "your private journal",
    "attachment": "the attachment self-check",
    "checkup": "the check-up and your plan",
    "break": "the break button",
    "space": "a break agreement",
    "help": "finding outside help",
    "safety": "the private wellbeing check",
    "invite": "inviting your partner",
}


def tool_url(key: str) -> str:
    return TOOL_URLS.get(key, "/help/")


def tool_name(key: str) -> str:
    return TOOL_NAMES.get(key, "help")
