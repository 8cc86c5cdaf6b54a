"""Python client of the acdcore gRPC API (acd.v1), sync and asyncio.

    from acdcore_client import Client, AsyncClient, errors
    from acdcore_client import pb           # the generated messages and enums

See docs/api.md for the API and the roles that may call each method.
"""

from acdcore_api.acd.v1 import agent_service_pb2, call_service_pb2, enums_pb2, event_service_pb2, \
    queue_service_pb2, recording_service_pb2, resources_pb2, routing_service_pb2

from . import errors
from ._common import Settings, agent_config, queue_config, recording_leg, route, settings
from .aio import AsyncClient
from .client import Client
from .errors import AcdApiError


class pb:  # noqa: N801 - a namespace of the generated modules
    """The generated acd.v1 modules under one name."""

    enums = enums_pb2
    resources = resources_pb2
    calls = call_service_pb2
    agents = agent_service_pb2
    queues = queue_service_pb2
    routing = routing_service_pb2
    events = event_service_pb2
    recordings = recording_service_pb2


__all__ = ["AcdApiError", "AsyncClient", "Client", "Settings", "agent_config", "errors", "pb", "queue_config",
           "recording_leg", "route", "settings"]
