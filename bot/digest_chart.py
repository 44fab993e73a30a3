"""The digest's chart: strategic against operational, this week beside the weeks before. PNG bytes."""

from __future__ import annotations

import io


def render(series: list[tuple[str, int, int]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    weeks = [w[5:] for w, _, _ in series]
    strategic = [s for _, s, _ in series]
    operational = [o for _, _, o in series]
    figure, axes = plt.subplots(figsize=(7, 3), dpi=110)
    axes.bar(weeks, operational, color="#a8dadc", label="operational")
    axes.bar(weeks, strategic, bottom=operational, color="#1d3557", label="strategic")
    for bar in axes.patches[len(weeks) - 1 :: len(weeks)]:
        bar.set_edgecolor("#e63946")
        bar.set_linewidth(2)
    axes.set_title("Decisions a week: strategic and operational (this week outlined)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="upper left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
