"""How often reviewers agreed with Altitude, per engine and prompt version."""

from __future__ import annotations

LABELS = ("strategic", "operational")


def summarize(rows: list[dict]) -> dict:
    """`rows`: counts by engine, prompt_version, label and review_label (see DecisionLog.review_stats)."""
    groups: dict[tuple, dict] = {}
    confusion = {gold: {pred: 0 for pred in LABELS} for gold in LABELS}
    for row in rows:
        key = (row["engine"], row["prompt_version"])
        group = groups.setdefault(key, {"engine": key[0], "prompt_version": key[1], "reviewed": 0, "agreed": 0})
        group["reviewed"] += row["n"]
        group["agreed"] += row["n"] if row["label"] == row["review_label"] else 0
        if row["label"] in LABELS and row["review_label"] in LABELS:
            confusion[row["label"]][row["review_label"]] += row["n"]
    ordered = sorted(groups.values(), key=lambda g: (-g["reviewed"], g["engine"] or "", g["prompt_version"] or ""))
    for group in ordered:
        group["agreement"] = round(group["agreed"] / group["reviewed"], 3)
    total = sum(g["reviewed"] for g in ordered)
    corrected = total - sum(g["agreed"] for g in ordered)
    return {
        "groups": ordered,
        "confusion": confusion,
        "reviewed": total,
        "corrected": corrected,
        "correction_rate": round(corrected / total, 3) if total else None,
    }
