"""The offline engine's shipped model (`rubric.model`), made by `make model` from the labelled
decisions in `bot/examples/training/`."""
