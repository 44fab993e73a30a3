"""`bot.domain.scoring`: the figures of quality that `altitude eval` and the training reports share,
a ratio, accuracy by difficulty, and a calibration table of confidence against accuracy."""

from bot.domain.scoring import by_difficulty, calibration, ratio


def test_a_ratio_is_rounded_to_three_places():
    assert ratio(2, 3) == 0.667 and ratio(1, 8) == 0.125 and ratio(5, 5) == 1.0


def test_none_right_out_of_some_is_zero_but_out_of_none_is_no_figure():
    assert ratio(0, 4) == 0.0
    assert ratio(0, 0) is None


def test_accuracy_is_given_for_each_difficulty_on_its_own_items():
    correct = [True, False, True, True, False]
    difficulties = ["hard", "hard", "easy", "easy", "hard"]
    assert by_difficulty(correct, difficulties) == {
        "easy": {"n": 2, "accuracy": 1.0},
        "hard": {"n": 3, "accuracy": 0.333},
    }


def test_difficulties_are_listed_in_name_order_whatever_order_they_come_in():
    table = by_difficulty([True, True, True], ["medium", "hard", "easy"])
    assert list(table) == ["easy", "hard", "medium"]


def test_items_without_a_difficulty_are_in_no_row():
    table = by_difficulty([True, False, False], ["easy", None, ""])
    assert table == {"easy": {"n": 1, "accuracy": 1.0}}
    assert by_difficulty([True], [None]) == {}


def test_a_bin_holds_its_lower_edge_and_not_its_upper_one():
    table = calibration([0.7, 0.8], [True, False])
    assert [(row["bin"], row["n"]) for row in table] == [("0.7-0.8", 1), ("0.8-0.9", 1)]


def test_full_confidence_falls_in_the_top_bin_labelled_up_to_one():
    (row,) = calibration([1.0], [True])
    assert row["bin"] == "0.9-1.0" and row["n"] == 1


def test_each_bin_gives_its_mean_confidence_and_how_often_it_was_right():
    (row,) = calibration([0.9, 0.95, 1.0], [True, True, False])
    assert row == {"bin": "0.9-1.0", "n": 3, "mean_confidence": 0.95, "accuracy": 0.667}


def test_bins_are_listed_from_low_to_high_and_empty_ones_are_left_out():
    table = calibration([0.95, 0.55, 0.97, 0.51], [True, False, True, True])
    assert [row["bin"] for row in table] == ["0.5-0.6", "0.9-1.0"]
    assert [row["accuracy"] for row in table] == [0.5, 1.0]


def test_confidences_below_one_half_are_counted_in_no_bin():
    """A verdict's confidence is at least 0.5 (that of the label it gives), so lower figures have no bin."""
    table = calibration([0.3, 0.49, 0.5, 0.65], [True, True, True, False])
    assert sum(row["n"] for row in table) == 2


def test_a_well_calibrated_engine_is_right_about_as_often_as_it_says():
    confidences = [0.6] * 5 + [0.9] * 10
    correct = [True, True, True, False, False] + [True] * 9 + [False]
    table = {row["bin"]: row for row in calibration(confidences, correct)}
    assert table["0.6-0.7"]["accuracy"] == table["0.6-0.7"]["mean_confidence"] == 0.6
    assert table["0.9-1.0"]["accuracy"] == table["0.9-1.0"]["mean_confidence"] == 0.9
