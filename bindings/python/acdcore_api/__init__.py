"""The acd.v1 API's generated Python code (messages, enums and gRPC stubs).

Generated from proto/acd/v1/*.proto by ``tools/gen_protos.py``; do not edit ``acd/v1/``.

    from acdcore_api import pb, rpc       # all messages/enums, and the stubs/servicers
"""

from .acd.v1 import (
    agent_service_pb2,
    agent_service_pb2_grpc,
    call_service_pb2,
    call_service_pb2_grpc,
    enums_pb2,
    event_service_pb2,
    event_service_pb2_grpc,
    queue_service_pb2,
    queue_service_pb2_grpc,
    recording_service_pb2,
    recording_service_pb2_grpc,
    resources_pb2,
    routing_service_pb2,
    routing_service_pb2_grpc,
)

#: the proto package name
PACKAGE = "acd.v1"
#: every service's full name
SERVICE_NAMES = (
    "acd.v1.CallService",
    "acd.v1.AgentService",
    "acd.v1.QueueService",
    "acd.v1.RoutingService",
    "acd.v1.EventService",
    "acd.v1.RecordingService",
)

__all__ = [
    "PACKAGE",
    "SERVICE_NAMES",
    "agent_service_pb2",
    "agent_service_pb2_grpc",
    "call_service_pb2",
    "call_service_pb2_grpc",
    "enums_pb2",
    "event_service_pb2",
    "event_service_pb2_grpc",
    "queue_service_pb2",
    "queue_service_pb2_grpc",
    "recording_service_pb2",
    "recording_service_pb2_grpc",
    "resources_pb2",
    "routing_service_pb2",
    "routing_service_pb2_grpc",
]
