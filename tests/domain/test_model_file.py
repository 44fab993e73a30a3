from bot.domain.model_file import floats, pack, round_float, sha256


def test_floats_read_back_what_pack_wrote_at_nine_significant_digits():
    data = pack([1.0, -2.5, 1 / 3])
    assert list(floats(data, 0, 3)) == [1.0, -2.5, 0.333333333]
    assert list(floats(data, 8, 1)) == [-2.5]


def test_rounding_keeps_nine_significant_digits():
    assert round_float(123.4567890123) == 123.456789


def test_the_checksum_is_sha256_in_hex():
    assert sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
