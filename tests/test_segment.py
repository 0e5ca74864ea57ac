"""Statement segmentation: sentences, except that quotations stay with their attribution."""
from storyline.segment import statements


def test_quote_stays_with_its_attribution():
    text = "“I'm done. This is my last dance,” he told the audience back in March 2023. Fans cried."
    got = [s.text for s in statements(text)]
    assert got == ["“I'm done. This is my last dance,” he told the audience back in March 2023.", "Fans cried."]


def test_initials_and_abbreviations_do_not_split():
    text = "Mark Ballas and B.C. Jean met Dr. Smith in the U.S. on Monday. Then they left."
    assert len(statements(text)) == 2
    text = "Crews did a test burn, which Coast Guard Rear Adm. Mary Landry called a success. Oil kept flowing."
    assert [s.text for s in statements(text)][1] == "Oil kept flowing."


def test_headings_and_offsets():
    text = "Mark Ballas Retired From the Show in 2023\n\nHe said so. It was late."
    st = statements(text)
    assert st[0].heading and not st[1].heading
    for s in st:
        assert text[s.start:s.end] == s.text
