"""`altitude train`: retrain the offline engine on this deployment's reviews, and activate it."""

from __future__ import annotations

from bot.services import Services


def train(services: Services, *, dry_run: bool = False, force: bool = False) -> dict:
    """Train, store and (unless it is worse) activate a model; the outcome as `train --json` prints it."""
    from bot.training import require_library

    require_library()
    from bot.storage.offline_models import ModelStore
    from bot.training import reviews

    outcome = reviews.train(services.log.reviewed(), force=force)
    activated = False
    if outcome.data is not None and not dry_run:
        figures = {"before": outcome.before, "after": outcome.after}
        ModelStore(services.log.engine).save(
            name=outcome.model,
            body=outcome.data,
            examples=outcome.examples,
            reviewed=outcome.reviewed,
            figures=figures,
            activate=outcome.activate,
        )
        activated = outcome.activate
    return outcome.to_dict(activated=activated)
