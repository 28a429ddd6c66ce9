"""The therapist report: only the user's own data, only the chosen parts, previewed then as PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from mend.help import report as report_module
from mend.help.pdf import render_pdf
from mend.help.report import available_sections, build_report, default_keys
from mend.safety.services import safety_check_submit
from tests.access.matrix import SECRET

pytestmark = pytest.mark.django_db

BOB_SECRET = "BOB-PRIVATE-91c2"


def _pdf_text(data: bytes) -> str:
    """The text a PDF reader extracts (glyphs of the embedded font mapped back to characters)."""
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def journals(alice, bob):
    from mend.journal.models import JournalEntry

    JournalEntry.objects.create(owner=alice, title="Tuesday", body=f"I wrote {SECRET} here")
    JournalEntry.objects.create(owner=bob, title="Bob's", body=f"bob wrote {BOB_SECRET}")


@pytest.fixture
def checkins(alice, bob, couple, now):
    from mend.rituals.models import CheckinAnswer, CheckinWeek

    for i in range(4):
        week = CheckinWeek.objects.create(
            owner=alice,
            couple=couple,
            visibility="shared",
            week_start=date(2026, 10, 26) + timedelta(weeks=i),
        )
        CheckinAnswer.objects.create(
            owner=alice, couple=couple, week=week, closeness=5 + i, stress=6 - i, submitted_at=now
        )
        CheckinAnswer.objects.create(
            owner=bob, couple=couple, week=week, closeness=1, stress=10, submitted_at=now, visibility="shared"
        )


def test_defaults_leave_out_journal_and_wellbeing():
    keys = default_keys()
    assert "profile" in keys and "journal" not in keys and "safety" not in keys
    assert {spec.key for spec in available_sections()} >= {"profile", "safety"}


def test_only_chosen_sections_and_never_the_partner(alice, bob, couple, now, journals, checkins):
    safety_check_submit(user=alice, answers={"sf_money": "yes"}, now=now)
    built = build_report(user=alice, keys=["profile", "checkins"], now=now)
    assert [s.key for s in built.sections] == ["profile", "checkins"]
    text = _pdf_text(render_pdf(built, compress=False))
    assert "About me" in text and "Weekly check-ins" in text
    assert "closeness 8/10" in text  # alice's own latest rating
    assert "closeness 1/10" not in text  # bob's ratings never appear
    assert SECRET not in text and BOB_SECRET not in text
    assert "Journal entries" not in text and "Wellbeing check" not in text
    assert "Bob" not in text


def test_journal_only_when_chosen_and_only_own(alice, bob, couple, now, journals):
    text = _pdf_text(render_pdf(build_report(user=alice, keys=["journal"], now=now), compress=False))
    assert "Journal entries" in text and SECRET in text
    assert BOB_SECRET not in text and "About me" not in text


def test_wellbeing_only_when_chosen(alice, now):
    safety_check_submit(user=alice, answers={"sf_money": "yes"}, now=now)
    without = _pdf_text(render_pdf(build_report(user=alice, keys=default_keys(), now=now), compress=False))
    assert "Wellbeing" not in without and "money" not in without
    with_it = _pdf_text(render_pdf(build_report(user=alice, keys=["safety"], now=now), compress=False))
    assert "Wellbeing check" in with_it and "money" in with_it


def test_empty_sections_say_so(alice, now):
    built = build_report(user=alice, keys=["checkup", "promises", "plan"], now=now)
    assert all(section.empty for section in built.sections)


def test_compressed_pdf_renders_and_carries_the_titles(alice, now):
    data = render_pdf(build_report(user=alice, keys=["profile"], now=now))
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert b"/FlateDecode" in data
    assert "About me" in _pdf_text(data)


def test_names_in_any_script_are_printed_not_replaced(alice, now):
    alice.display_name = "Zoë Łukasz Ярослава"
    alice.save()
    text = _pdf_text(render_pdf(build_report(user=alice, keys=["profile"], now=now)))
    assert "Zoë Łukasz Ярослава" in text


def test_emoji_and_typographic_marks_do_not_break_the_pdf(alice, now):
    alice.display_name = "“Z” — 🌱"
    alice.save()
    data = render_pdf(build_report(user=alice, keys=["profile"], now=now))
    assert data.startswith(b"%PDF")
    assert "“Z” —" in _pdf_text(data)


def test_emoji_the_font_cannot_draw_are_named_instead_of_lost(alice, now):
    alice.display_name = "Sam 🌱 👍🏽 😀 ❤️"
    alice.save()
    text = _pdf_text(render_pdf(build_report(user=alice, keys=["profile"], now=now)))
    assert "[seedling]" in text and "[thumbs up sign]" in text
    assert "😀" in text and "❤" in text  # the font draws these itself
    assert "emoji modifier" not in text  # a skin tone belongs to its emoji, not named alone


class TestPages:
    def test_form_preview_and_download(self, alice_client, journals, monkeypatch):
        form = alice_client.get("/help/report/")
        assert form.status_code == 200
        body = form.content.decode()
        assert 'value="journal"' in body and 'value="profile"' in body
        preview = alice_client.get("/help/report/preview/", {"made": "1", "sections": ["profile"]})
        assert preview.status_code == 200
        assert "About me" in preview.content.decode() and SECRET not in preview.content.decode()
        assert "sections=profile" in preview.content.decode()
        monkeypatch.setattr(report_module, "PDF_COMPRESS", False)
        pdf = alice_client.get("/help/report/summary.pdf", {"made": "1", "sections": ["profile"]})
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf["Content-Disposition"].startswith("attachment;")
        text = _pdf_text(pdf.content)
        assert "About me" in text and SECRET not in text
        with_journal = alice_client.get("/help/report/summary.pdf", {"made": "1", "sections": ["journal"]})
        assert SECRET in _pdf_text(with_journal.content)

    def test_nothing_chosen_is_a_400_with_the_form(self, alice_client):
        response = alice_client.get("/help/report/preview/", {"made": "1"})
        assert response.status_code == 400 and "Choose at least one" in response.content.decode()
        bad = alice_client.get("/help/report/summary.pdf", {"made": "1", "sections": ["partner"]})
        assert bad.status_code == 400

    def test_partner_report_never_holds_alice(self, alice, bob_client, couple, journals, now):
        safety_check_submit(user=alice, answers={"sf_physical": "yes"}, now=now)
        keys = [spec.key for spec in available_sections()]
        page = bob_client.get("/help/report/preview/", {"made": "1", "sections": keys}).content.decode()
        assert SECRET not in page and BOB_SECRET in page
        assert "physically" not in page
