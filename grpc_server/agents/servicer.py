"""acd.v1.AgentService: proto <-> Python; the work is in service.py."""

from __future__ import annotations

from typing import Any

import grpc
from grpc import aio

from acdcore import AgentState, HangupBy
from acdcore_api.acd.v1 import agent_service_pb2 as pb
from acdcore_api.acd.v1 import agent_service_pb2_grpc as pb_grpc

from .. import convert
from ..calls.service import CallService, not_with_agent
from ..common import acting_agent, is_agent_role, require
from ..errors import ApiError, rpc
from .service import AgentService


def _offer(resp: Any, offer: Any) -> Any:
    if offer is not None:
        resp.offer.CopyFrom(convert.offer_out(offer))
    return resp


class AgentServicer(pb_grpc.AgentServiceServicer):
    def __init__(self, service: AgentService, calls: CallService) -> None:
        self.s = service
        self.calls = calls

    @rpc
    async def CreateAgent(self, request: pb.CreateAgentRequest, context: aio.ServicerContext) -> Any:
        cfg = convert.agent_config_in(request.config)
        return pb.CreateAgentResponse(agent=convert.agent_out(await self.s.create(cfg)))

    @rpc
    async def UpdateAgent(self, request: pb.UpdateAgentRequest, context: aio.ServicerContext) -> Any:
        cfg = convert.agent_config_in(request.config)
        return pb.UpdateAgentResponse(agent=convert.agent_out(await self.s.update(cfg)))

    @rpc
    async def DeleteAgent(self, request: pb.DeleteAgentRequest, context: aio.ServicerContext) -> Any:
        require(request.agent_id, "agent_id", "agent_id")
        await self.s.delete(request.agent_id)
        return pb.DeleteAgentResponse()

    @rpc
    async def Login(self, request: pb.LoginRequest, context: aio.ServicerContext) -> Any:
        agent, offer = await self.s.state_op("login", acting_agent(request.agent_id))
        return _offer(pb.LoginResponse(agent=convert.agent_out(agent)), offer)

    @rpc
    async def Logout(self, request: pb.LogoutRequest, context: aio.ServicerContext) -> Any:
        agent, _ = await self.s.state_op("logout", acting_agent(request.agent_id))
        return pb.LogoutResponse(agent=convert.agent_out(agent))

    @rpc
    async def SetReady(self, request: pb.SetReadyRequest, context: aio.ServicerContext) -> Any:
        agent, offer = await self.s.state_op("set_ready", acting_agent(request.agent_id))
        return _offer(pb.SetReadyResponse(agent=convert.agent_out(agent)), offer)

    @rpc
    async def Pause(self, request: pb.PauseRequest, context: aio.ServicerContext) -> Any:
        agent_id = acting_agent(request.agent_id)
        require(request.reason, "reason", "a pause reason")
        agent, _ = await self.s.state_op("pause", agent_id, reason=request.reason)
        return pb.PauseResponse(agent=convert.agent_out(agent))

    def _check_offer(self, agent_id: str, offer_id: int) -> str:
        if not offer_id:
            raise convert.FieldError("offer_id", "offer_id is required")
        owner = self.s.offer_owner(offer_id)
        if agent_id:
            self.s.get(agent_id)  # NOT_FOUND for an unknown agent
            if owner is not None and owner != agent_id:
                if is_agent_role():
                    raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_OFFER",
                                   f"offer {offer_id} is not for agent {agent_id!r}", offer_id=offer_id)
                raise ApiError(grpc.StatusCode.FAILED_PRECONDITION, "OFFER_NOT_FOR_AGENT",
                               f"offer {offer_id} rings at {owner!r}, not {agent_id!r}", offer_id=offer_id)
        return owner or agent_id

    @rpc
    async def AcceptOffer(self, request: pb.AcceptOfferRequest, context: aio.ServicerContext) -> Any:
        agent_id = acting_agent(request.agent_id, required=False)
        self._check_offer(agent_id, request.offer_id)
        call, agent = await self.s.accept(request.offer_id)
        return pb.AcceptOfferResponse(call=convert.call_out(call), agent=convert.agent_out(agent))

    @rpc
    async def RejectOffer(self, request: pb.RejectOfferRequest, context: aio.ServicerContext) -> Any:
        agent_id = acting_agent(request.agent_id, required=False)
        owner = self._check_offer(agent_id, request.offer_id)
        agent = await self.s.reject(request.offer_id, owner)
        return pb.RejectOfferResponse(agent=convert.agent_out(agent))

    @rpc
    async def CompleteCall(self, request: pb.CompleteCallRequest, context: aio.ServicerContext) -> Any:
        require(request.call_id, "call_id", "call_id")
        if request.hangup_by not in (0, 1, 2):
            raise convert.FieldError("hangup_by", f"{request.hangup_by} is not a valid HangupBy")
        agent_id = acting_agent(request.agent_id, required=False)
        if agent_id:
            self.s.get(agent_id)
        owner = self.calls.owner(request.call_id)
        if agent_id and owner != agent_id:
            raise not_with_agent(request.call_id, agent_id, own=is_agent_role())
        if owner is None:  # a call not connected: let the core say so precisely
            owner = ""
        hangup = request.hangup_by or int(HangupBy.AGENT)
        if not owner:
            await self.s.complete(request.call_id, hangup, "")
            raise AssertionError("unreachable: completing a call without agent must fail")
        agent = await self.s.complete(request.call_id, hangup, owner)
        return pb.CompleteCallResponse(agent=convert.agent_out(agent))

    @rpc
    async def GetAgent(self, request: pb.GetAgentRequest, context: aio.ServicerContext) -> Any:
        return pb.GetAgentResponse(agent=convert.agent_out(self.s.get(acting_agent(request.agent_id))))

    @rpc
    async def ListAgents(self, request: pb.ListAgentsRequest, context: aio.ServicerContext) -> Any:
        state = None
        if request.state:
            try:
                state = AgentState(request.state)
            except ValueError:
                raise convert.FieldError("state", f"{request.state} is not a valid AgentState") from None
        return pb.ListAgentsResponse(agents=[convert.agent_out(a) for a in self.s.list(request.queue, state)])
