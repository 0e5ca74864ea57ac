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


def test_a_sentence_is_not_cut_inside_brackets():
    text = "Shares of BP Plc (BP. L) fell 3 percent. Oil rose (to $ 75. It had fallen.) Then it rained."
    assert [s.text for s in statements(text)] == [
        "Shares of BP Plc (BP. L) fell 3 percent.", "Oil rose (to $ 75. It had fallen.)", "Then it rained."]


def test_a_line_that_goes_on_with_the_one_before_joins_it():
    # text whose lines a sentence splitter has already broken, wrongly
    text = ("The U.S. opened an inquiry into BP Plc 's -LRB- BP . \nL -RRB- oil spill , Holder said . \n"
            "Rep. Barney Frank -LRB- D-Mass . -RRB- \n, the committee 's chairman , called it a step . \n"
            "Speaker Nancy Pelosi -LRB- D-Calif . -RRB- \nsaid she agreed . \n"
            "Stocks fell . \nshares of small banks fell most .\n\n, a line after a blank one stands alone .")
    got = statements(text)
    assert [" ".join(s.text.split()) for s in got] == [
        "The U.S. opened an inquiry into BP Plc 's -LRB- BP . L -RRB- oil spill , Holder said .",
        "Rep. Barney Frank -LRB- D-Mass . -RRB- , the committee 's chairman , called it a step .",
        "Speaker Nancy Pelosi -LRB- D-Calif . -RRB- said she agreed .",
        "Stocks fell .", "shares of small banks fell most .", ", a line after a blank one stands alone ."]
    for s in got:
        assert text[s.start:s.end] == s.text
