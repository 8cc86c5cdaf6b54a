// Original file: proto/acd/v1/agent_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcceptOfferRequest as _acd_v1_AcceptOfferRequest, AcceptOfferRequest__Output as _acd_v1_AcceptOfferRequest__Output } from '../../acd/v1/AcceptOfferRequest';
import type { AcceptOfferResponse as _acd_v1_AcceptOfferResponse, AcceptOfferResponse__Output as _acd_v1_AcceptOfferResponse__Output } from '../../acd/v1/AcceptOfferResponse';
import type { CompleteCallRequest as _acd_v1_CompleteCallRequest, CompleteCallRequest__Output as _acd_v1_CompleteCallRequest__Output } from '../../acd/v1/CompleteCallRequest';
import type { CompleteCallResponse as _acd_v1_CompleteCallResponse, CompleteCallResponse__Output as _acd_v1_CompleteCallResponse__Output } from '../../acd/v1/CompleteCallResponse';
import type { CreateAgentRequest as _acd_v1_CreateAgentRequest, CreateAgentRequest__Output as _acd_v1_CreateAgentRequest__Output } from '../../acd/v1/CreateAgentRequest';
import type { CreateAgentResponse as _acd_v1_CreateAgentResponse, CreateAgentResponse__Output as _acd_v1_CreateAgentResponse__Output } from '../../acd/v1/CreateAgentResponse';
import type { DeleteAgentRequest as _acd_v1_DeleteAgentRequest, DeleteAgentRequest__Output as _acd_v1_DeleteAgentRequest__Output } from '../../acd/v1/DeleteAgentRequest';
import type { DeleteAgentResponse as _acd_v1_DeleteAgentResponse, DeleteAgentResponse__Output as _acd_v1_DeleteAgentResponse__Output } from '../../acd/v1/DeleteAgentResponse';
import type { GetAgentRequest as _acd_v1_GetAgentRequest, GetAgentRequest__Output as _acd_v1_GetAgentRequest__Output } from '../../acd/v1/GetAgentRequest';
import type { GetAgentResponse as _acd_v1_GetAgentResponse, GetAgentResponse__Output as _acd_v1_GetAgentResponse__Output } from '../../acd/v1/GetAgentResponse';
import type { ListAgentsRequest as _acd_v1_ListAgentsRequest, ListAgentsRequest__Output as _acd_v1_ListAgentsRequest__Output } from '../../acd/v1/ListAgentsRequest';
import type { ListAgentsResponse as _acd_v1_ListAgentsResponse, ListAgentsResponse__Output as _acd_v1_ListAgentsResponse__Output } from '../../acd/v1/ListAgentsResponse';
import type { LoginRequest as _acd_v1_LoginRequest, LoginRequest__Output as _acd_v1_LoginRequest__Output } from '../../acd/v1/LoginRequest';
import type { LoginResponse as _acd_v1_LoginResponse, LoginResponse__Output as _acd_v1_LoginResponse__Output } from '../../acd/v1/LoginResponse';
import type { LogoutRequest as _acd_v1_LogoutRequest, LogoutRequest__Output as _acd_v1_LogoutRequest__Output } from '../../acd/v1/LogoutRequest';
import type { LogoutResponse as _acd_v1_LogoutResponse, LogoutResponse__Output as _acd_v1_LogoutResponse__Output } from '../../acd/v1/LogoutResponse';
import type { PauseRequest as _acd_v1_PauseRequest, PauseRequest__Output as _acd_v1_PauseRequest__Output } from '../../acd/v1/PauseRequest';
import type { PauseResponse as _acd_v1_PauseResponse, PauseResponse__Output as _acd_v1_PauseResponse__Output } from '../../acd/v1/PauseResponse';
import type { RejectOfferRequest as _acd_v1_RejectOfferRequest, RejectOfferRequest__Output as _acd_v1_RejectOfferRequest__Output } from '../../acd/v1/RejectOfferRequest';
import type { RejectOfferResponse as _acd_v1_RejectOfferResponse, RejectOfferResponse__Output as _acd_v1_RejectOfferResponse__Output } from '../../acd/v1/RejectOfferResponse';
import type { SetReadyRequest as _acd_v1_SetReadyRequest, SetReadyRequest__Output as _acd_v1_SetReadyRequest__Output } from '../../acd/v1/SetReadyRequest';
import type { SetReadyResponse as _acd_v1_SetReadyResponse, SetReadyResponse__Output as _acd_v1_SetReadyResponse__Output } from '../../acd/v1/SetReadyResponse';
import type { UpdateAgentRequest as _acd_v1_UpdateAgentRequest, UpdateAgentRequest__Output as _acd_v1_UpdateAgentRequest__Output } from '../../acd/v1/UpdateAgentRequest';
import type { UpdateAgentResponse as _acd_v1_UpdateAgentResponse, UpdateAgentResponse__Output as _acd_v1_UpdateAgentResponse__Output } from '../../acd/v1/UpdateAgentResponse';

export interface AgentServiceClient extends grpc.Client {
  AcceptOffer(argument: _acd_v1_AcceptOfferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  AcceptOffer(argument: _acd_v1_AcceptOfferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  AcceptOffer(argument: _acd_v1_AcceptOfferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  AcceptOffer(argument: _acd_v1_AcceptOfferRequest, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  acceptOffer(argument: _acd_v1_AcceptOfferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  acceptOffer(argument: _acd_v1_AcceptOfferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  acceptOffer(argument: _acd_v1_AcceptOfferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  acceptOffer(argument: _acd_v1_AcceptOfferRequest, callback: grpc.requestCallback<_acd_v1_AcceptOfferResponse__Output>): grpc.ClientUnaryCall;
  
  CompleteCall(argument: _acd_v1_CompleteCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  CompleteCall(argument: _acd_v1_CompleteCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  CompleteCall(argument: _acd_v1_CompleteCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  CompleteCall(argument: _acd_v1_CompleteCallRequest, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  completeCall(argument: _acd_v1_CompleteCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  completeCall(argument: _acd_v1_CompleteCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  completeCall(argument: _acd_v1_CompleteCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  completeCall(argument: _acd_v1_CompleteCallRequest, callback: grpc.requestCallback<_acd_v1_CompleteCallResponse__Output>): grpc.ClientUnaryCall;
  
  CreateAgent(argument: _acd_v1_CreateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _acd_v1_CreateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _acd_v1_CreateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _acd_v1_CreateAgentRequest, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _acd_v1_CreateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _acd_v1_CreateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _acd_v1_CreateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _acd_v1_CreateAgentRequest, callback: grpc.requestCallback<_acd_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAgent(argument: _acd_v1_DeleteAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _acd_v1_DeleteAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _acd_v1_DeleteAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _acd_v1_DeleteAgentRequest, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _acd_v1_DeleteAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _acd_v1_DeleteAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _acd_v1_DeleteAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _acd_v1_DeleteAgentRequest, callback: grpc.requestCallback<_acd_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  
  GetAgent(argument: _acd_v1_GetAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _acd_v1_GetAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _acd_v1_GetAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _acd_v1_GetAgentRequest, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _acd_v1_GetAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _acd_v1_GetAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _acd_v1_GetAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _acd_v1_GetAgentRequest, callback: grpc.requestCallback<_acd_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  
  ListAgents(argument: _acd_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _acd_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _acd_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _acd_v1_ListAgentsRequest, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _acd_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _acd_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _acd_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _acd_v1_ListAgentsRequest, callback: grpc.requestCallback<_acd_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _acd_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _acd_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _acd_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _acd_v1_LoginRequest, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _acd_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _acd_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _acd_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _acd_v1_LoginRequest, callback: grpc.requestCallback<_acd_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  Logout(argument: _acd_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _acd_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _acd_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _acd_v1_LogoutRequest, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _acd_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _acd_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _acd_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _acd_v1_LogoutRequest, callback: grpc.requestCallback<_acd_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  
  Pause(argument: _acd_v1_PauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _acd_v1_PauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _acd_v1_PauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _acd_v1_PauseRequest, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _acd_v1_PauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _acd_v1_PauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _acd_v1_PauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _acd_v1_PauseRequest, callback: grpc.requestCallback<_acd_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  
  RejectOffer(argument: _acd_v1_RejectOfferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  RejectOffer(argument: _acd_v1_RejectOfferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  RejectOffer(argument: _acd_v1_RejectOfferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  RejectOffer(argument: _acd_v1_RejectOfferRequest, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  rejectOffer(argument: _acd_v1_RejectOfferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  rejectOffer(argument: _acd_v1_RejectOfferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  rejectOffer(argument: _acd_v1_RejectOfferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  rejectOffer(argument: _acd_v1_RejectOfferRequest, callback: grpc.requestCallback<_acd_v1_RejectOfferResponse__Output>): grpc.ClientUnaryCall;
  
  SetReady(argument: _acd_v1_SetReadyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  SetReady(argument: _acd_v1_SetReadyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  SetReady(argument: _acd_v1_SetReadyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  SetReady(argument: _acd_v1_SetReadyRequest, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  setReady(argument: _acd_v1_SetReadyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  setReady(argument: _acd_v1_SetReadyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  setReady(argument: _acd_v1_SetReadyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  setReady(argument: _acd_v1_SetReadyRequest, callback: grpc.requestCallback<_acd_v1_SetReadyResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateAgent(argument: _acd_v1_UpdateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateAgent(argument: _acd_v1_UpdateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateAgent(argument: _acd_v1_UpdateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateAgent(argument: _acd_v1_UpdateAgentRequest, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  updateAgent(argument: _acd_v1_UpdateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  updateAgent(argument: _acd_v1_UpdateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  updateAgent(argument: _acd_v1_UpdateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  updateAgent(argument: _acd_v1_UpdateAgentRequest, callback: grpc.requestCallback<_acd_v1_UpdateAgentResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AgentServiceHandlers extends grpc.UntypedServiceImplementation {
  AcceptOffer: grpc.handleUnaryCall<_acd_v1_AcceptOfferRequest__Output, _acd_v1_AcceptOfferResponse>;
  
  CompleteCall: grpc.handleUnaryCall<_acd_v1_CompleteCallRequest__Output, _acd_v1_CompleteCallResponse>;
  
  CreateAgent: grpc.handleUnaryCall<_acd_v1_CreateAgentRequest__Output, _acd_v1_CreateAgentResponse>;
  
  DeleteAgent: grpc.handleUnaryCall<_acd_v1_DeleteAgentRequest__Output, _acd_v1_DeleteAgentResponse>;
  
  GetAgent: grpc.handleUnaryCall<_acd_v1_GetAgentRequest__Output, _acd_v1_GetAgentResponse>;
  
  ListAgents: grpc.handleUnaryCall<_acd_v1_ListAgentsRequest__Output, _acd_v1_ListAgentsResponse>;
  
  Login: grpc.handleUnaryCall<_acd_v1_LoginRequest__Output, _acd_v1_LoginResponse>;
  
  Logout: grpc.handleUnaryCall<_acd_v1_LogoutRequest__Output, _acd_v1_LogoutResponse>;
  
  Pause: grpc.handleUnaryCall<_acd_v1_PauseRequest__Output, _acd_v1_PauseResponse>;
  
  RejectOffer: grpc.handleUnaryCall<_acd_v1_RejectOfferRequest__Output, _acd_v1_RejectOfferResponse>;
  
  SetReady: grpc.handleUnaryCall<_acd_v1_SetReadyRequest__Output, _acd_v1_SetReadyResponse>;
  
  UpdateAgent: grpc.handleUnaryCall<_acd_v1_UpdateAgentRequest__Output, _acd_v1_UpdateAgentResponse>;
  
}

export interface AgentServiceDefinition extends grpc.ServiceDefinition {
  AcceptOffer: MethodDefinition<_acd_v1_AcceptOfferRequest, _acd_v1_AcceptOfferResponse, _acd_v1_AcceptOfferRequest__Output, _acd_v1_AcceptOfferResponse__Output>
  CompleteCall: MethodDefinition<_acd_v1_CompleteCallRequest, _acd_v1_CompleteCallResponse, _acd_v1_CompleteCallRequest__Output, _acd_v1_CompleteCallResponse__Output>
  CreateAgent: MethodDefinition<_acd_v1_CreateAgentRequest, _acd_v1_CreateAgentResponse, _acd_v1_CreateAgentRequest__Output, _acd_v1_CreateAgentResponse__Output>
  DeleteAgent: MethodDefinition<_acd_v1_DeleteAgentRequest, _acd_v1_DeleteAgentResponse, _acd_v1_DeleteAgentRequest__Output, _acd_v1_DeleteAgentResponse__Output>
  GetAgent: MethodDefinition<_acd_v1_GetAgentRequest, _acd_v1_GetAgentResponse, _acd_v1_GetAgentRequest__Output, _acd_v1_GetAgentResponse__Output>
  ListAgents: MethodDefinition<_acd_v1_ListAgentsRequest, _acd_v1_ListAgentsResponse, _acd_v1_ListAgentsRequest__Output, _acd_v1_ListAgentsResponse__Output>
  Login: MethodDefinition<_acd_v1_LoginRequest, _acd_v1_LoginResponse, _acd_v1_LoginRequest__Output, _acd_v1_LoginResponse__Output>
  Logout: MethodDefinition<_acd_v1_LogoutRequest, _acd_v1_LogoutResponse, _acd_v1_LogoutRequest__Output, _acd_v1_LogoutResponse__Output>
  Pause: MethodDefinition<_acd_v1_PauseRequest, _acd_v1_PauseResponse, _acd_v1_PauseRequest__Output, _acd_v1_PauseResponse__Output>
  RejectOffer: MethodDefinition<_acd_v1_RejectOfferRequest, _acd_v1_RejectOfferResponse, _acd_v1_RejectOfferRequest__Output, _acd_v1_RejectOfferResponse__Output>
  SetReady: MethodDefinition<_acd_v1_SetReadyRequest, _acd_v1_SetReadyResponse, _acd_v1_SetReadyRequest__Output, _acd_v1_SetReadyResponse__Output>
  UpdateAgent: MethodDefinition<_acd_v1_UpdateAgentRequest, _acd_v1_UpdateAgentResponse, _acd_v1_UpdateAgentRequest__Output, _acd_v1_UpdateAgentResponse__Output>
}
