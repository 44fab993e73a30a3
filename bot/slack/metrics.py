"""Prometheus metrics of the Slack app, in a registry of its own (one per app instance)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

_ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
_MODEL_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0)


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("altitude_slack_requests", "Requests from Slack, by kind", ["kind"], registry=r)
        self.ack_seconds = Histogram(
            "altitude_slack_ack_seconds", "Time to answer a request from Slack", buckets=_ACK_BUCKETS, registry=r
        )
        self.model_seconds = Histogram(
            "altitude_model_seconds", "Latency of model calls", ["operation"], buckets=_MODEL_BUCKETS, registry=r
        )
        self.tokens = Counter("altitude_model_tokens", "Model tokens, by kind", ["kind"], registry=r)
        self.errors = Counter("altitude_errors", "Failures, by where they happened", ["where"], registry=r)
        self.fallbacks = Counter(
            "altitude_model_fallbacks",
            "Results from the offline engine after a model failure",
            ["operation"],
            registry=r,
        )
        self.late_pending = Counter(
            "altitude_acks_before_pending_row",
            "/classify acks sent before the decision was in the log (the write took too long)",
            registry=r,
        )
        self.classifications = Counter(
            "altitude_classifications", "Decisions classified", ["label", "source", "engine"], registry=r
        )

    def watch_model_use(self, budget) -> None:
        """Today's model calls and refusals per team, read from the database at each scrape."""
        self.registry.register(_ModelUse(budget))

    def observe(self, operation: str, provenance) -> None:
        """Record one result's model usage (nothing for the offline engine unless it was a fallback)."""
        if provenance.fallback_reason:
            self.fallbacks.labels(operation).inc()
        if provenance.engine != "openai":
            return
        self.model_seconds.labels(operation).observe(provenance.usage.latency_ms / 1000)
        for kind in ("input", "output", "cached"):
            self.tokens.labels(kind).inc(getattr(provenance.usage, f"{kind}_tokens"))


class _ModelUse:
    def __init__(self, budget):
        self.budget = budget

    def collect(self):
        from prometheus_client.core import GaugeMetricFamily

        calls = GaugeMetricFamily("altitude_model_calls_today", "Model calls today (UTC), by team", labels=["team"])
        refused = GaugeMetricFamily(
            "altitude_model_calls_refused_today",
            "Model calls refused today by ALTITUDE_DAILY_MODEL_CALLS, by team",
            labels=["team"],
        )
        from bot.errors import AltitudeError

        try:
            used = self.budget.used()
        except AltitudeError:  # a scrape never fails for the database; /readyz reports it
            used = {}
        for team, figures in used.items():
            calls.add_metric([team], figures["calls"])
            refused.add_metric([team], figures["refused"])
        yield calls
        yield refused
