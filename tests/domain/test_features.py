from bot.domain import features


def test_normalise_lowers_unifies_apostrophes_and_digits():
    assert features.normalise("We’re IN by 2028") == "we're in by 0000"


def test_tokens_are_words_and_the_signs_of_money():
    assert features.tokens("Spend $3.2M (50%) on R&D, we're told") == [
        "spend",
        "$",
        "0",
        "0m",
        "00",
        "%",
        "on",
        "r",
        "d",
        "we're",
        "told",
    ]


def test_analyse_gives_words_their_pieces_and_pairs_with_repeats():
    found = features.analyse("shift shift")
    assert found.count("w shift") == 2 and found.count("w shift shift") == 1
    assert found.count("c  shi") == 2 and "c ift " in found
    assert all(len(f) == 6 for f in found if f.startswith("c "))  # four-letter pieces
