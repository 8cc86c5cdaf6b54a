"""Events: state snapshots for new subscribers, and assignment explanations."""

from __future__ import annotations

from typing import Any

from acdcore import Assignment
from acdcore_api.acd.v1 import event_service_pb2 as pb

from .. import convert
from ..common import ServiceBase
from ..engine import EventFilter


class EventService(ServiceBase):
    def explain(self, offer_id: int) -> Assignment:
        return self.query(lambda c: c.explain(offer_id), {"offer id": "offer_id", "offer_id": "offer_id"})

    def snapshot(self, flt: EventFilter) -> tuple[int, pb.StateSnapshot]:
        """The state now, filtered, and the sequence number it is taken at."""

        def build(core: Any) -> tuple[int, pb.StateSnapshot]:
            seq = core.last_event_seq
            qnames = [n for n in core.queue_names() if not flt.queues or n in flt.queues]
            snap = pb.StateSnapshot(seq=seq)
            snap.queues.extend(convert.queue_config_out(core.get_queue(n)) for n in qnames)
            snap.queue_stats.extend(convert.queue_stats_out(core.queue_stats(n)) for n in qnames)
            for i in core.agent_ids():
                if flt.agent_ids and i not in flt.agent_ids:
                    continue
                a = core.get_agent(i)
                if flt.queues and not (flt.queues & set(a.queues)):
                    continue
                snap.agents.append(convert.agent_out(a))
            for cid in core.call_ids():
                c = core.get_call(cid)
                if flt.queues and c.queue not in flt.queues:
                    continue
                if flt.agent_ids and c.agent_id not in flt.agent_ids:
                    continue
                snap.calls.append(convert.call_out(c))
            return seq, snap

        return self.query(build)
