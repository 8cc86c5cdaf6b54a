// Tests of the Node.js client against a live acdcore server (started by
// tests/grpc/test_grpc_node.py, which passes ACDCORE_TARGET and ACDCORE_TOKENS).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as dgram from "node:dgram";
import { setTimeout as sleep } from "node:timers/promises";
import { AcdClient, AcdError, duration } from "../src/index";

const target = process.env.ACDCORE_TARGET ?? "";
const tokens: Record<string, string> = JSON.parse(process.env.ACDCORE_TOKENS ?? "{}");
const client = (role: string) => new AcdClient(target, { token: tokens[role], timeoutMs: 5000 });

test("a call's life: enqueue by prefix analysis, offer, accept, complete", async () => {
  const tel = client("telephony");
  const a1 = client("agent");
  try {
    const r = await tel.enqueueCall({ call_id: "node-1", caller: "04511234567", dialled: "966551" });
    assert.equal(r.call?.queue, "general");
    assert.equal(r.call?.priority, "PRIORITY_PRIORITY");
    assert.equal(r.duplicate, false);
    const again = await tel.enqueueCall({ call_id: "node-1", caller: "04511234567", dialled: "966551" });
    assert.equal(again.duplicate, true);
    const login = await a1.login();
    assert.equal(login.offer?.call_id, "node-1");
    const acc = await a1.acceptOffer({ offer_id: login.offer!.offer_id });
    assert.equal(acc.call?.state, "CALL_STATE_CONNECTED");
    const done = await a1.completeCall({ call_id: "node-1" });
    assert.equal(done.agent?.state, "AGENT_STATE_AVAILABLE");
    await a1.logout();
    const stats = await tel.getQueueStats({ queue: "general" });
    assert.ok(Number(stats.stats?.answered) >= 1);
  } finally {
    tel.close();
    a1.close();
  }
});

test("targeted calls: offered to their agent only, errors, lapse to the normal line", async () => {
  const tel = client("telephony");
  const a1 = client("agent");
  const a2 = client("agent2");
  try {
    await a1.login();
    await a1.pause({ agent_id: "a1", reason: "lunch" });
    await a2.login();
    const r = await tel.enqueueCall({ call_id: "node-tg", queue: "general", target_agent_id: "a1",
                                      target_timeout: duration(0.4) });
    assert.equal(r.call?.target_agent_id, "a1");
    assert.equal(r.offer, null);  // a2 is free, but the call is a1's
    assert.ok(r.call?.target_lapse_time);
    await assert.rejects(tel.enqueueCall({ call_id: "node-tg2", queue: "general", target_agent_id: "nobody" }),
      (e: unknown) => {
        assert.ok(e instanceof AcdError);
        assert.equal(e.codeName, "INVALID_ARGUMENT");
        assert.equal(e.reason, "AGENT_NOT_FOUND");
        assert.equal(e.field, "target_agent_id");
        return true;
      });
    await assert.rejects(tel.enqueueCall({ call_id: "node-tg2", queue: "general", target_agent_id: "a3" }),
      (e: unknown) => e instanceof AcdError && e.reason === "AGENT_NOT_IN_QUEUE");
    await assert.rejects(tel.enqueueCall({ call_id: "node-tg2", queue: "general", target_agent_id: "a1",
                                           target_timeout: duration(-1) }),
      (e: unknown) => e instanceof AcdError && e.reason === "INVALID_TIME" && e.field === "target_timeout");
    // after the lapse normal routing offers it to a2 (polled, bounded)
    let agent = "";
    for (let i = 0; i < 200 && agent !== "node-tg"; i++) {
      await sleep(50);
      agent = (await a2.getAgent()).agent?.call_id ?? "";
    }
    assert.equal(agent, "node-tg");
    const c = (await tel.getCall({ call_id: "node-tg" })).call;
    assert.equal(c?.target_agent_id, "");
    assert.equal(c?.agent_id, "a2");
    await tel.cancelCall({ call_id: "node-tg" });
  } finally {
    await a1.logout().catch(() => undefined);
    await a2.logout().catch(() => undefined);
    for (const c of [tel, a1, a2]) c.close();
  }
});

test("errors are AcdErrors with the ErrorInfo reason and field", async () => {
  const adm = client("admin");
  try {
    await assert.rejects(adm.getQueue({ name: "nope" }), (e: unknown) => {
      assert.ok(e instanceof AcdError);
      assert.equal(e.codeName, "NOT_FOUND");
      assert.equal(e.reason, "QUEUE_NOT_FOUND");
      assert.equal(e.domain, "acdcore.io");
      return true;
    });
    await assert.rejects(adm.createQueue({ config: { name: "nq", wrap_up_seconds: -1 } }), (e: unknown) => {
      assert.ok(e instanceof AcdError);
      assert.equal(e.codeName, "INVALID_ARGUMENT");
      assert.equal(e.field, "config.wrap_up_seconds");
      return true;
    });
  } finally {
    adm.close();
  }
});

test("authentication and roles are enforced", async () => {
  const anon = new AcdClient(target, { timeoutMs: 5000 });
  const biz = client("business");
  try {
    await assert.rejects(anon.listQueues(), (e: unknown) => e instanceof AcdError && e.codeName === "UNAUTHENTICATED");
    await assert.rejects(biz.enqueueCall({ call_id: "x", queue: "general" }),
      (e: unknown) => e instanceof AcdError && e.codeName === "PERMISSION_DENIED" && e.reason === "ROLE_NOT_ALLOWED");
  } finally {
    anon.close();
    biz.close();
  }
});

test("watchEvents: snapshot, events, and resume from a sequence number", async () => {
  const sup = client("supervisor");
  const tel = client("telephony");
  try {
    const it = sup.watchEvents({ queues: ["billing"], timeoutMs: 30_000 });
    const first = await it.next();
    const snap = first.value!.snapshot!;
    assert.ok(Number(snap.seq) > 0);
    assert.deepEqual(snap.queues.map((q: { name: string }) => q.name), ["billing"]);
    await tel.enqueueCall({ call_id: "node-w1", queue: "billing" });
    await tel.cancelCall({ call_id: "node-w1" });
    const seen: { seq: string; type: string }[] = [];
    while (seen.length < 2) {
      const m = await it.next();
      seen.push(...m.value!.events.map((e: { seq: string; type: string }) => ({ seq: e.seq, type: e.type })));
    }
    await it.return(undefined);
    assert.deepEqual(seen.map((e) => e.type), ["EVENT_TYPE_CALL_ENQUEUED", "EVENT_TYPE_CALL_ABANDONED"]);
    const resumed = sup.watchEvents({ afterSeq: seen[0].seq, queues: ["billing"], timeoutMs: 30_000 });
    const m = (await resumed.next()).value!;
    await resumed.return(undefined);
    assert.equal(m.resumed, true);
    assert.equal(m.events[0].seq, seen[1].seq);
  } finally {
    sup.close();
    tel.close();
  }
});

test("watchCall honours its deadline", async () => {
  const tel = client("telephony");
  try {
    await tel.enqueueCall({ call_id: "node-dl", queue: "billing" });
    const it = tel.watchCall({ call_id: "node-dl" }, 400);
    const first = await it.next();
    assert.equal(first.value!.call?.state, "CALL_STATE_WAITING");
    await assert.rejects(it.next(), (e: unknown) => e instanceof AcdError && e.codeName === "DEADLINE_EXCEEDED");
    await tel.cancelCall({ call_id: "node-dl" });
  } finally {
    tel.close();
  }
});

test("recordings: start on a shared port, RTP from dgram, stop, search, events, download", async () => {
  const tel = client("telephony");
  const sup = client("supervisor");
  const callId = "1700000000.91";
  try {
    const r = await tel.startRecording({
      call_id: callId, agent_id: "a1", queue: "general", caller: "04596001234", shared_port: true,
      legs: [{ name: "caller", ssrc: 0x6e0d01, codec: "RECORDING_CODEC_PCMU" }, { name: "agent", ssrc: 0x6e0d02 }],
    });
    assert.equal(r.recording_id.length, 32);
    assert.deepEqual(r.media.map((m) => m.leg), ["caller", "agent"]);
    assert.ok(r.media.every((m) => m.shared && m.rtp_port > 0 && m.rtp_port === r.media[0].rtp_port));
    // 40 packets (0.8 s) per leg, RTP as Asterisk's externalMedia sends it
    const sock = dgram.createSocket("udp4");
    try {
      for (let i = 0; i < 40; i++) {
        for (const [ssrc, fill] of [[0x6e0d01, 0x15], [0x6e0d02, 0x95]]) {
          const pkt = Buffer.alloc(12 + 160, fill);
          pkt.writeUInt8(0x80, 0);
          pkt.writeUInt8(0, 1);
          pkt.writeUInt16BE(200 + i, 2);
          pkt.writeUInt32BE(160 * i, 4);
          pkt.writeUInt32BE(ssrc, 8);
          await new Promise<void>((ok, fail) => sock.send(pkt, r.media[0].rtp_port, "127.0.0.1",
            (err) => (err ? fail(err) : ok())));
        }
        await sleep(20);
      }
    } finally {
      sock.close();
    }
    const paused = await tel.pauseRecording({ call_id: callId, reason: "card number" });
    assert.equal(paused.event?.kind, "pause");
    await tel.resumeRecording({ call_id: callId });
    const stop = await tel.stopRecording({ call_id: callId, reason: "hangup" });
    assert.equal(stop.recording?.recording_id, r.recording_id);
    assert.equal(stop.recording?.status, "RECORDING_STATUS_COMPLETE");
    assert.equal(stop.recording?.channels, 2);
    assert.deepEqual(stop.legs.map((l) => l.leg), ["caller", "agent"]);
    assert.ok(stop.legs.every((l) => Number(l.packets) > 0));

    const found = await sup.searchRecordings({ call_id: callId });
    assert.deepEqual(found.recordings.map((x) => x.recording_id), [r.recording_id]);
    assert.equal(found.recordings[0].agent_id, "a1");
    const evs = await sup.listRecordingEvents({ recording_id: r.recording_id });
    assert.equal(evs.events[evs.events.length - 1].kind, "stop");

    const chunks: Buffer[] = [];
    let total = -1;
    for await (const c of sup.getRecording({ recording_id: r.recording_id }, { timeoutMs: 30_000 })) {
      if (total < 0) total = Number(c.total_size);
      chunks.push(c.data);
    }
    const file = Buffer.concat(chunks);
    assert.equal(file.length, total);
    assert.equal(createHash("sha256").update(file).digest("hex"), stop.recording?.sha256);
    const part: Buffer[] = [];
    for await (const c of sup.getRecording({ recording_id: r.recording_id, start_byte: 8, end_byte: 48 },
                                           { timeoutMs: 30_000 })) part.push(c.data);
    assert.deepEqual(Buffer.concat(part), file.subarray(8, 48));

    await assert.rejects(sup.listRecordingEvents({ recording_id: "nope" }), (e: unknown) =>
      e instanceof AcdError && e.codeName === "INVALID_ARGUMENT" && e.field === "recording_id");
    const mon = sup.monitorCall({ call_id: callId }, 10_000);
    await assert.rejects(mon.next(), (e: unknown) =>
      e instanceof AcdError && e.codeName === "NOT_FOUND" && e.reason === "RECORDING_NOT_FOUND");
  } finally {
    tel.close();
    sup.close();
  }
});
