"""extract/document.py: cleaned lines and sentences run over page breaks."""

from __future__ import annotations

from extract.document import clean_line, join_page_breaks


def test_bold_marks_go_in_pairs_and_footnote_marks_stay() -> None:
    assert clean_line("6. **DEFINITIONS**") == "6. DEFINITIONS"
    assert clean_line("Dr. HO Kin Wah*, Mr. LAU Chi Keung** and Mr. NG Ka Wai**.") == (
        "Dr. HO Kin Wah*, Mr. LAU Chi Keung** and Mr. NG Ka Wai**."
    )
    assert clean_line("** Independent non-executive Directors") == (
        "** Independent non-executive Directors"
    )


def test_a_sentence_runs_on_past_a_page_number_footer() -> None:
    pages = ["Mr. A has\n\n– 3 –", "abstained from voting.\nNext line.\n\n– 4 –"]
    joined = join_page_breaks(pages)
    assert joined[0] == "Mr. A has abstained from voting.\n\n– 3 –"
    assert joined[1] == "Next line.\n\n– 4 –"


def test_a_finished_sentence_before_a_footer_is_not_joined() -> None:
    pages = ["The end.\n\nPage 3 of 5", "New paragraph."]
    assert join_page_breaks(pages) == pages
