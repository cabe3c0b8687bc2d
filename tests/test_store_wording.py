from store.wording import plural


def test_store_wording_plural() -> None:
    assert plural(1, "filing") == "1 filing"
    assert plural(0, "filing") == "0 filings"
    assert plural(2, "alert") == "2 alerts"
    assert plural(1234, "filing") == "1,234 filings"
    assert plural(2, "company") == "2 companies" and plural(2, "day") == "2 days"
    assert plural(3, "new edition pair") == "3 new edition pairs"
