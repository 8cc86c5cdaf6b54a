/**
 * Node.js client of the acdcore gRPC API (acd.v1).
 *
 *   const acd = new AcdClient("127.0.0.1:50051", { token: process.env.ACDCORE_TOKEN });
 *   const r = await acd.enqueueCall({ call_id: "c1", caller: "04511234567", dialled: "966551" });
 *   for await (const msg of acd.watchEvents({ queues: ["general"] })) { ... }
 *
 * Every call has a deadline (timeoutMs, default 10 s); idempotent calls are retried on
 * UNAVAILABLE; failures reject with an AcdError carrying the google.rpc.ErrorInfo reason;
 * watchEvents() resumes from the last sequence number after a reconnect.
 */
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import * as protobuf from "protobufjs";

import type { ProtoGrpcType as AgentProto } from "./generated/agent_service";
import type { ProtoGrpcType as CallProto } from "./generated/call_service";
import type { ProtoGrpcType as EventProto } from "./generated/event_service";
import type { ProtoGrpcType as QueueProto } from "./generated/queue_service";
import type { ProtoGrpcType as RecordingProto } from "./generated/recording_service";
import type { ProtoGrpcType as RoutingProto } from "./generated/routing_service";

import type { AcceptOfferRequest } from "./generated/acd/v1/AcceptOfferRequest";
import type { AcceptOfferResponse__Output } from "./generated/acd/v1/AcceptOfferResponse";
import type { CancelCallRequest } from "./generated/acd/v1/CancelCallRequest";
import type { CancelCallResponse__Output } from "./generated/acd/v1/CancelCallResponse";
import type { CompleteCallRequest } from "./generated/acd/v1/CompleteCallRequest";
import type { CompleteCallResponse__Output } from "./generated/acd/v1/CompleteCallResponse";
import type { CreateAgentRequest } from "./generated/acd/v1/CreateAgentRequest";
import type { CreateAgentResponse__Output } from "./generated/acd/v1/CreateAgentResponse";
import type { CreateQueueRequest } from "./generated/acd/v1/CreateQueueRequest";
import type { CreateQueueResponse__Output } from "./generated/acd/v1/CreateQueueResponse";
import type { DeleteAgentRequest } from "./generated/acd/v1/DeleteAgentRequest";
import type { DeleteAgentResponse__Output } from "./generated/acd/v1/DeleteAgentResponse";
import type { DeleteQueueRequest } from "./generated/acd/v1/DeleteQueueRequest";
import type { DeleteQueueResponse__Output } from "./generated/acd/v1/DeleteQueueResponse";
import type { EnqueueCallRequest } from "./generated/acd/v1/EnqueueCallRequest";
import type { EnqueueCallResponse__Output } from "./generated/acd/v1/EnqueueCallResponse";
import type { ExplainAssignmentRequest } from "./generated/acd/v1/ExplainAssignmentRequest";
import type { ExplainAssignmentResponse__Output } from "./generated/acd/v1/ExplainAssignmentResponse";
import type { GetAgentRequest } from "./generated/acd/v1/GetAgentRequest";
import type { GetAgentResponse__Output } from "./generated/acd/v1/GetAgentResponse";
import type { GetCallRequest } from "./generated/acd/v1/GetCallRequest";
import type { GetCallResponse__Output } from "./generated/acd/v1/GetCallResponse";
import type { GetQueueRequest } from "./generated/acd/v1/GetQueueRequest";
import type { GetQueueResponse__Output } from "./generated/acd/v1/GetQueueResponse";
import type { GetQueueStatsRequest } from "./generated/acd/v1/GetQueueStatsRequest";
import type { GetQueueStatsResponse__Output } from "./generated/acd/v1/GetQueueStatsResponse";
import type { GetRecordingRequest } from "./generated/acd/v1/GetRecordingRequest";
import type { GetRecordingResponse__Output } from "./generated/acd/v1/GetRecordingResponse";
import type { ListRecordingEventsRequest } from "./generated/acd/v1/ListRecordingEventsRequest";
import type { ListRecordingEventsResponse__Output } from "./generated/acd/v1/ListRecordingEventsResponse";
import type { MonitorCallRequest } from "./generated/acd/v1/MonitorCallRequest";
import type { MonitorCallResponse__Output } from "./generated/acd/v1/MonitorCallResponse";
import type { PauseRecordingRequest } from "./generated/acd/v1/PauseRecordingRequest";
import type { PauseRecordingResponse__Output } from "./generated/acd/v1/PauseRecordingResponse";
import type { ResumeRecordingRequest } from "./generated/acd/v1/ResumeRecordingRequest";
import type { ResumeRecordingResponse__Output } from "./generated/acd/v1/ResumeRecordingResponse";
import type { SearchRecordingsRequest } from "./generated/acd/v1/SearchRecordingsRequest";
import type { SearchRecordingsResponse__Output } from "./generated/acd/v1/SearchRecordingsResponse";
import type { StartRecordingRequest } from "./generated/acd/v1/StartRecordingRequest";
import type { StartRecordingResponse__Output } from "./generated/acd/v1/StartRecordingResponse";
import type { StopRecordingRequest } from "./generated/acd/v1/StopRecordingRequest";
import type { StopRecordingResponse__Output } from "./generated/acd/v1/StopRecordingResponse";
import type { ListAgentsRequest } from "./generated/acd/v1/ListAgentsRequest";
import type { ListAgentsResponse__Output } from "./generated/acd/v1/ListAgentsResponse";
import type { ListCallsRequest } from "./generated/acd/v1/ListCallsRequest";
import type { ListCallsResponse__Output } from "./generated/acd/v1/ListCallsResponse";
import type { ListQueueStatsResponse__Output } from "./generated/acd/v1/ListQueueStatsResponse";
import type { ListQueuesResponse__Output } from "./generated/acd/v1/ListQueuesResponse";
import type { ListRoutesResponse__Output } from "./generated/acd/v1/ListRoutesResponse";
import type { LoginRequest } from "./generated/acd/v1/LoginRequest";
import type { LoginResponse__Output } from "./generated/acd/v1/LoginResponse";
import type { LogoutRequest } from "./generated/acd/v1/LogoutRequest";
import type { LogoutResponse__Output } from "./generated/acd/v1/LogoutResponse";
import type { LookupNumberRequest } from "./generated/acd/v1/LookupNumberRequest";
import type { LookupNumberResponse__Output } from "./generated/acd/v1/LookupNumberResponse";
import type { PauseRequest } from "./generated/acd/v1/PauseRequest";
import type { PauseResponse__Output } from "./generated/acd/v1/PauseResponse";
import type { RejectOfferRequest } from "./generated/acd/v1/RejectOfferRequest";
import type { RejectOfferResponse__Output } from "./generated/acd/v1/RejectOfferResponse";
import type { ReplaceRoutesRequest } from "./generated/acd/v1/ReplaceRoutesRequest";
import type { ReplaceRoutesResponse__Output } from "./generated/acd/v1/ReplaceRoutesResponse";
import type { SetReadyRequest } from "./generated/acd/v1/SetReadyRequest";
import type { SetReadyResponse__Output } from "./generated/acd/v1/SetReadyResponse";
import type { TransferCallRequest } from "./generated/acd/v1/TransferCallRequest";
import type { TransferCallResponse__Output } from "./generated/acd/v1/TransferCallResponse";
import type { UpdateAgentRequest } from "./generated/acd/v1/UpdateAgentRequest";
import type { UpdateAgentResponse__Output } from "./generated/acd/v1/UpdateAgentResponse";
import type { UpdateQueueRequest } from "./generated/acd/v1/UpdateQueueRequest";
import type { UpdateQueueResponse__Output } from "./generated/acd/v1/UpdateQueueResponse";
import type { WatchCallRequest } from "./generated/acd/v1/WatchCallRequest";
import type { WatchCallResponse__Output } from "./generated/acd/v1/WatchCallResponse";
import type { WatchEventsRequest } from "./generated/acd/v1/WatchEventsRequest";
import type { WatchEventsResponse__Output } from "./generated/acd/v1/WatchEventsResponse";

export type * from "./generated/acd/v1/Call";
export type * from "./generated/acd/v1/Agent";
export type * from "./generated/acd/v1/Event";
export type * from "./generated/acd/v1/QueueStats";
export type { WatchEventsResponse__Output } from "./generated/acd/v1/WatchEventsResponse";
export type * from "./generated/acd/v1/Recording";
export type * from "./generated/acd/v1/RecordingEvent";
export type * from "./generated/acd/v1/RecordingLeg";
export type * from "./generated/acd/v1/MediaAddress";
export type { GetRecordingResponse__Output } from "./generated/acd/v1/GetRecordingResponse";
export type { MonitorCallResponse__Output } from "./generated/acd/v1/MonitorCallResponse";

/**
 * A google.protobuf.Duration from seconds, e.g. for EnqueueCallRequest.target_timeout:
 *   acd.enqueueCall({ call_id, queue, target_agent_id: "a1", target_timeout: duration(30) })
 */
export function duration(seconds: number): { seconds: string; nanos: number } {
  if (!Number.isFinite(seconds)) throw new RangeError(`duration: ${seconds} is not a finite number of seconds`);
  const whole = Math.trunc(seconds);
  return { seconds: String(whole), nanos: Math.round((seconds - whole) * 1e9) };
}

/** The options the generated types assume (tools/gen_protos.py --node uses the same). */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
};

/** Calls safe to send again after UNAVAILABLE (the same set as the Python client). */
export const IDEMPOTENT = new Set([
  "EnqueueCall", "GetCall", "ListCalls", "GetAgent", "ListAgents", "GetQueue", "ListQueues", "GetQueueStats",
  "ListQueueStats", "LookupNumber", "ListRoutes", "ReplaceRoutes", "ExplainAssignment", "SetReady", "Pause",
  "UpdateQueue", "UpdateAgent",
  // recordings: the reads (getRecording resumes at the byte it got to); Start/Stop/Pause/
  // ResumeRecording write an audit entry each time and are never resent
  "SearchRecordings", "ListRecordingEvents", "GetRecording",
]);

/** UNAVAILABLE with these reasons is a server-side state, not a lost connection: never retried. */
export const NOT_RETRIED_REASONS = new Set(["RECORDER_UNAVAILABLE"]);

function retryable(method: string, e: unknown): e is AcdError {
  return e instanceof AcdError && IDEMPOTENT.has(method) && e.code === grpc.status.UNAVAILABLE &&
    !NOT_RETRIED_REASONS.has(e.reason);
}

const STATUS_JSON: unknown = {
  nested: {
    google: {
      nested: {
        protobuf: { nested: { Any: { fields: { type_url: { type: "string", id: 1 }, value: { type: "bytes", id: 2 } } } } },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: "int32", id: 1 }, message: { type: "string", id: 2 },
                details: { rule: "repeated", type: "google.protobuf.Any", id: 3 },
              },
            },
            ErrorInfo: {
              fields: {
                reason: { type: "string", id: 1 }, domain: { type: "string", id: 2 },
                metadata: { keyType: "string", type: "string", id: 3 },
              },
            },
          },
        },
      },
    },
  },
};
const STATUS_ROOT = protobuf.Root.fromJSON(STATUS_JSON as protobuf.INamespace);
const StatusType = STATUS_ROOT.lookupType("google.rpc.Status");
const ErrorInfoType = STATUS_ROOT.lookupType("google.rpc.ErrorInfo");

/** A failed acd.v1 call: the gRPC status and the ErrorInfo the server attached. */
export class AcdError extends Error {
  readonly code: grpc.status;
  readonly codeName: string;
  /** ErrorInfo reason, e.g. QUEUE_FULL; "" for transport errors. */
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Record<string, string>;

  constructor(code: grpc.status, message: string, reason = "", domain = "", metadata: Record<string, string> = {}) {
    super(`${grpc.status[code]}: ${message}${reason ? ` [${reason}]` : ""}`);
    this.name = "AcdError";
    this.code = code;
    this.codeName = grpc.status[code];
    this.reason = reason;
    this.domain = domain;
    this.metadata = metadata;
  }

  /** The request field at fault (INVALID_ARGUMENT), e.g. "config.wrap_up_seconds". */
  get field(): string | undefined {
    return this.metadata.field;
  }

  static fromServiceError(err: grpc.ServiceError): AcdError {
    let reason = "";
    let domain = "";
    let metadata: Record<string, string> = {};
    const bins = err.metadata?.get("grpc-status-details-bin") ?? [];
    for (const b of bins) {
      const st = StatusType.decode(b as Buffer) as unknown as { details: { type_url: string; value: Uint8Array }[] };
      for (const d of st.details ?? []) {
        if (d.type_url.endsWith("/google.rpc.ErrorInfo")) {
          const info = ErrorInfoType.decode(d.value) as unknown as {
            reason: string; domain: string; metadata: Record<string, string>;
          };
          reason = info.reason;
          domain = info.domain;
          metadata = { ...(info.metadata ?? {}) };
        }
      }
    }
    return new AcdError(err.code, err.details ?? err.message, reason, domain, metadata);
  }
}

export interface ClientOptions {
  /** Bearer token of a role (admin, supervisor, agent, telephony, business). */
  token?: string;
  /** TLS: the CA certificate (PEM) verifying the server; cert/key for mTLS. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  /** Deadline of each unary call in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Attempts of an idempotent call failing with UNAVAILABLE (default 5). */
  retries?: number;
  /** Where proto/acd/v1 lives (default: the repository's proto/, or ACDCORE_PROTO_DIR). */
  protoDir?: string;
}

export interface WatchEventsOptions {
  afterSeq?: number | string;
  queues?: string[];
  agentIds?: string[];
  eventTypes?: string[];
  /** Reconnect and resume after UNAVAILABLE or SUBSCRIBER_TOO_SLOW (default true). */
  reconnect?: boolean;
  maxReconnects?: number;
  /**
   * Deadline of the whole watch in milliseconds, reconnects included (default: none, the
   * stream lives as long as it is read). When it passes the generator throws DEADLINE_EXCEEDED.
   */
  timeoutMs?: number;
}

export interface GetRecordingOptions {
  /** After UNAVAILABLE, ask again for the bytes from where the last chunk ended (default true). */
  reconnect?: boolean;
  /** Deadline of the whole download in milliseconds, reconnects included (default: none). */
  timeoutMs?: number;
}

function defaultProtoDir(): string {
  if (process.env.ACDCORE_PROTO_DIR) return process.env.ACDCORE_PROTO_DIR;
  for (const up of ["../../../../proto", "../../../proto", "../../proto"]) {
    const p = path.resolve(__dirname, up);
    if (fs.existsSync(path.join(p, "acd", "v1", "call_service.proto"))) return p;
  }
  throw new Error("cannot find proto/acd/v1: set ACDCORE_PROTO_DIR or ClientOptions.protoDir");
}

type Unary<Req, Res> = (req: Req, md: grpc.Metadata, opts: grpc.CallOptions, cb: grpc.requestCallback<Res>) => unknown;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection to an acdcore server. */
export class AcdClient {
  readonly calls: grpc.Client & Record<string, unknown>;
  readonly agents: grpc.Client & Record<string, unknown>;
  readonly queues: grpc.Client & Record<string, unknown>;
  readonly routing: grpc.Client & Record<string, unknown>;
  readonly events: grpc.Client & Record<string, unknown>;
  readonly recordings: grpc.Client & Record<string, unknown>;
  private readonly md: grpc.Metadata;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(target: string, opts: ClientOptions = {}) {
    const dir = opts.protoDir ?? defaultProtoDir();
    const files = ["agent_service", "call_service", "event_service", "queue_service", "recording_service",
      "routing_service"]
      .map((f) => `acd/v1/${f}.proto`);
    const def = protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [dir] });
    const pkg = grpc.loadPackageDefinition(def) as unknown as
      AgentProto & CallProto & EventProto & QueueProto & RecordingProto & RoutingProto;
    const creds = opts.tls
      ? grpc.credentials.createSsl(opts.tls.ca ?? null, opts.tls.key ?? null, opts.tls.cert ?? null)
      : grpc.credentials.createInsecure();
    const channelOptions = { "grpc.max_receive_message_length": 64 * 1024 * 1024 };
    const v1 = pkg.acd.v1;
    this.calls = new v1.CallService(target, creds, channelOptions) as never;
    // the other services share the first one's channel
    const shared = { ...channelOptions, channelOverride: this.calls.getChannel() } as grpc.ClientOptions;
    this.agents = new v1.AgentService(target, creds, shared) as never;
    this.queues = new v1.QueueService(target, creds, shared) as never;
    this.routing = new v1.RoutingService(target, creds, shared) as never;
    this.events = new v1.EventService(target, creds, shared) as never;
    this.recordings = new v1.RecordingService(target, creds, shared) as never;
    this.md = new grpc.Metadata();
    if (opts.token) this.md.set("authorization", `Bearer ${opts.token}`);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retries = opts.retries ?? 5;
  }

  close(): void {
    this.calls.close();
  }

  private async unary<Req, Res>(client: grpc.Client & Record<string, unknown>, method: string, req: Req,
                                timeoutMs?: number): Promise<Res> {
    const fn = (client[method] as Unary<Req, Res>).bind(client);
    const attempts = IDEMPOTENT.has(method) ? this.retries : 1;
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      try {
        return await new Promise<Res>((resolve, reject) => {
          const deadline = new Date(Date.now() + (timeoutMs ?? this.timeoutMs));
          fn(req, this.md, { deadline }, (err, res) => (err ? reject(AcdError.fromServiceError(err)) : resolve(res as Res)));
        });
      } catch (e) {
        if (retryable(method, e) && attempt < attempts) {
          await sleep(delay);
          delay *= 2;
          continue;
        }
        throw e;
      }
    }
  }

  // ------------------------------------------------------------------ calls
  enqueueCall(req: EnqueueCallRequest, timeoutMs?: number): Promise<EnqueueCallResponse__Output> {
    return this.unary(this.calls, "EnqueueCall", req, timeoutMs);
  }
  cancelCall(req: CancelCallRequest, timeoutMs?: number): Promise<CancelCallResponse__Output> {
    return this.unary(this.calls, "CancelCall", req, timeoutMs);
  }
  transferCall(req: TransferCallRequest, timeoutMs?: number): Promise<TransferCallResponse__Output> {
    return this.unary(this.calls, "TransferCall", req, timeoutMs);
  }
  getCall(req: GetCallRequest, timeoutMs?: number): Promise<GetCallResponse__Output> {
    return this.unary(this.calls, "GetCall", req, timeoutMs);
  }
  listCalls(req: ListCallsRequest = {}, timeoutMs?: number): Promise<ListCallsResponse__Output> {
    return this.unary(this.calls, "ListCalls", req, timeoutMs);
  }

  // ------------------------------------------------------------------ agents
  createAgent(req: CreateAgentRequest, timeoutMs?: number): Promise<CreateAgentResponse__Output> {
    return this.unary(this.agents, "CreateAgent", req, timeoutMs);
  }
  updateAgent(req: UpdateAgentRequest, timeoutMs?: number): Promise<UpdateAgentResponse__Output> {
    return this.unary(this.agents, "UpdateAgent", req, timeoutMs);
  }
  deleteAgent(req: DeleteAgentRequest, timeoutMs?: number): Promise<DeleteAgentResponse__Output> {
    return this.unary(this.agents, "DeleteAgent", req, timeoutMs);
  }
  login(req: LoginRequest = {}, timeoutMs?: number): Promise<LoginResponse__Output> {
    return this.unary(this.agents, "Login", req, timeoutMs);
  }
  logout(req: LogoutRequest = {}, timeoutMs?: number): Promise<LogoutResponse__Output> {
    return this.unary(this.agents, "Logout", req, timeoutMs);
  }
  setReady(req: SetReadyRequest = {}, timeoutMs?: number): Promise<SetReadyResponse__Output> {
    return this.unary(this.agents, "SetReady", req, timeoutMs);
  }
  pause(req: PauseRequest, timeoutMs?: number): Promise<PauseResponse__Output> {
    return this.unary(this.agents, "Pause", req, timeoutMs);
  }
  acceptOffer(req: AcceptOfferRequest, timeoutMs?: number): Promise<AcceptOfferResponse__Output> {
    return this.unary(this.agents, "AcceptOffer", req, timeoutMs);
  }
  rejectOffer(req: RejectOfferRequest, timeoutMs?: number): Promise<RejectOfferResponse__Output> {
    return this.unary(this.agents, "RejectOffer", req, timeoutMs);
  }
  completeCall(req: CompleteCallRequest, timeoutMs?: number): Promise<CompleteCallResponse__Output> {
    return this.unary(this.agents, "CompleteCall", req, timeoutMs);
  }
  getAgent(req: GetAgentRequest = {}, timeoutMs?: number): Promise<GetAgentResponse__Output> {
    return this.unary(this.agents, "GetAgent", req, timeoutMs);
  }
  listAgents(req: ListAgentsRequest = {}, timeoutMs?: number): Promise<ListAgentsResponse__Output> {
    return this.unary(this.agents, "ListAgents", req, timeoutMs);
  }

  // ------------------------------------------------------------------ queues
  createQueue(req: CreateQueueRequest, timeoutMs?: number): Promise<CreateQueueResponse__Output> {
    return this.unary(this.queues, "CreateQueue", req, timeoutMs);
  }
  updateQueue(req: UpdateQueueRequest, timeoutMs?: number): Promise<UpdateQueueResponse__Output> {
    return this.unary(this.queues, "UpdateQueue", req, timeoutMs);
  }
  deleteQueue(req: DeleteQueueRequest, timeoutMs?: number): Promise<DeleteQueueResponse__Output> {
    return this.unary(this.queues, "DeleteQueue", req, timeoutMs);
  }
  getQueue(req: GetQueueRequest, timeoutMs?: number): Promise<GetQueueResponse__Output> {
    return this.unary(this.queues, "GetQueue", req, timeoutMs);
  }
  listQueues(timeoutMs?: number): Promise<ListQueuesResponse__Output> {
    return this.unary(this.queues, "ListQueues", {}, timeoutMs);
  }
  getQueueStats(req: GetQueueStatsRequest, timeoutMs?: number): Promise<GetQueueStatsResponse__Output> {
    return this.unary(this.queues, "GetQueueStats", req, timeoutMs);
  }
  listQueueStats(timeoutMs?: number): Promise<ListQueueStatsResponse__Output> {
    return this.unary(this.queues, "ListQueueStats", {}, timeoutMs);
  }

  // ------------------------------------------------------------------ routing
  lookupNumber(req: LookupNumberRequest, timeoutMs?: number): Promise<LookupNumberResponse__Output> {
    return this.unary(this.routing, "LookupNumber", req, timeoutMs);
  }
  replaceRoutes(req: ReplaceRoutesRequest, timeoutMs?: number): Promise<ReplaceRoutesResponse__Output> {
    return this.unary(this.routing, "ReplaceRoutes", req, timeoutMs);
  }
  listRoutes(timeoutMs?: number): Promise<ListRoutesResponse__Output> {
    return this.unary(this.routing, "ListRoutes", {}, timeoutMs);
  }

  // ------------------------------------------------------------------ events
  explainAssignment(req: ExplainAssignmentRequest, timeoutMs?: number): Promise<ExplainAssignmentResponse__Output> {
    return this.unary(this.events, "ExplainAssignment", req, timeoutMs);
  }

  // ------------------------------------------------------------------ recordings (RecordingService)
  /** Start recording a call (role telephony): legs caller, then agent; where each leg's RTP must go. */
  startRecording(req: StartRecordingRequest, timeoutMs?: number): Promise<StartRecordingResponse__Output> {
    return this.unary(this.recordings, "StartRecording", req, timeoutMs);
  }
  /** Stop a call's recording: the file is written, hashed and indexed; each leg's statistics. */
  stopRecording(req: StopRecordingRequest, timeoutMs?: number): Promise<StopRecordingResponse__Output> {
    return this.unary(this.recordings, "StopRecording", req, timeoutMs);
  }
  /** PCI pause: silence from now on (audited with this client's token name). */
  pauseRecording(req: PauseRecordingRequest, timeoutMs?: number): Promise<PauseRecordingResponse__Output> {
    return this.unary(this.recordings, "PauseRecording", req, timeoutMs);
  }
  /** End a PCI pause (audited). */
  resumeRecording(req: ResumeRecordingRequest, timeoutMs?: number): Promise<ResumeRecordingResponse__Output> {
    return this.unary(this.recordings, "ResumeRecording", req, timeoutMs);
  }
  /** Recordings by call, agent, queue, caller number and start time, oldest first. */
  searchRecordings(req: SearchRecordingsRequest = {}, timeoutMs?: number): Promise<SearchRecordingsResponse__Output> {
    return this.unary(this.recordings, "SearchRecordings", req, timeoutMs);
  }
  /** A recording's audit trail: start, pause, resume, DTMF, segments, stop. */
  listRecordingEvents(req: ListRecordingEventsRequest, timeoutMs?: number): Promise<ListRecordingEventsResponse__Output> {
    return this.unary(this.recordings, "ListRecordingEvents", req, timeoutMs);
  }

  /**
   * A finished recording's file as chunks (`offset`, `data`), optionally a byte range
   * [start_byte, end_byte) or from the audio at `start_seconds`; the first chunk carries
   * `recording` and `total_size`. After UNAVAILABLE it asks again for the bytes from where the
   * last chunk ended (at most `retries` attempts in all).
   */
  async *getRecording(req: GetRecordingRequest, opts: GetRecordingOptions = {}): AsyncGenerator<GetRecordingResponse__Output> {
    const next: GetRecordingRequest = { ...req };
    let end = Number(req.end_byte ?? 0);
    let started = false;
    let resumed = false;
    let delay = 100;
    const attempts = opts.reconnect === false ? 1 : this.retries;
    const deadline = opts.timeoutMs ? new Date(Date.now() + opts.timeoutMs) : undefined;
    for (let attempt = 1; ; attempt++) {
      let first = true;
      try {
        for await (const msg of this.stream<GetRecordingResponse__Output>(this.recordings, "GetRecording", next,
                                                                            deadline)) {
          if (!started && !end) end = Number(msg.total_size);
          if (first && resumed) {
            msg.recording = null;
            msg.total_size = "0";
          }
          first = false;
          started = true;
          next.start_byte = String(Number(msg.offset) + msg.data.length);
          next.start_seconds = 0;
          yield msg;
        }
        return;
      } catch (e) {
        if (!retryable("GetRecording", e) || attempt >= attempts ||
            (deadline && Date.now() + delay >= deadline.getTime())) throw e;
        resumed = resumed || started;
        if (started && Number(next.start_byte) >= end) return;
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    }
  }

  /**
   * Listen to a call being recorded: 20 ms PCM16 frames (8 kHz) until the recording stops.
   * Live audio cannot be resumed, so it is never reconnected.
   */
  monitorCall(req: MonitorCallRequest, timeoutMs?: number): AsyncGenerator<MonitorCallResponse__Output> {
    return this.stream(this.recordings, "MonitorCall", req, timeoutMs ? new Date(Date.now() + timeoutMs) : undefined);
  }

  private async *stream<T>(client: grpc.Client & Record<string, unknown>, method: string, req: unknown,
                           deadline?: Date): AsyncGenerator<T> {
    const call = (client[method] as (r: unknown, md: grpc.Metadata, o: grpc.CallOptions) => grpc.ClientReadableStream<T>)
      .call(client, req, this.md, deadline ? { deadline } : {});
    try {
      for await (const msg of call) yield msg as T;
    } catch (e) {
      throw AcdError.fromServiceError(e as grpc.ServiceError);
    } finally {
      call.cancel();
    }
  }

  /** Follow one call until `until` (a CallMilestone name) is reached or it ends. */
  watchCall(req: WatchCallRequest, timeoutMs?: number): AsyncGenerator<WatchCallResponse__Output> {
    return this.stream(this.calls, "WatchCall", req, timeoutMs ? new Date(Date.now() + timeoutMs) : undefined);
  }

  /**
   * The event stream: a snapshot first (unless resuming), then batches of events in
   * sequence order. After UNAVAILABLE (a server restart) or SUBSCRIBER_TOO_SLOW it reconnects
   * and resumes after the last sequence number it delivered.
   */
  async *watchEvents(opts: WatchEventsOptions = {}): AsyncGenerator<WatchEventsResponse__Output> {
    let last = String(opts.afterSeq ?? "0");
    let reconnects = 0;
    let delay = 100;
    const deadline = opts.timeoutMs ? new Date(Date.now() + opts.timeoutMs) : undefined;
    for (;;) {
      const req: WatchEventsRequest = {
        after_seq: last, queues: opts.queues ?? [], agent_ids: opts.agentIds ?? [],
        event_types: (opts.eventTypes ?? []) as WatchEventsRequest["event_types"],
      };
      try {
        for await (const msg of this.stream<WatchEventsResponse__Output>(this.events, "WatchEvents", req,
                                                                               deadline)) {
          if (msg.events.length) last = msg.events[msg.events.length - 1].seq;
          else if (msg.snapshot) last = msg.snapshot.seq;
          delay = 100;
          yield msg;
        }
        return;
      } catch (e) {
        const resumable = e instanceof AcdError &&
          (e.code === grpc.status.UNAVAILABLE || e.reason === "SUBSCRIBER_TOO_SLOW");
        if (!resumable || opts.reconnect === false ||
            (opts.maxReconnects !== undefined && reconnects >= opts.maxReconnects)) throw e;
        reconnects++;
        if (deadline && Date.now() + delay >= deadline.getTime()) throw e;
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    }
  }
}
