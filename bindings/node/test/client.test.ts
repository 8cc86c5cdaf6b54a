// Tests of the Node.js client against a live acdcore server (started by
// tests/grpc/test_grpc_node.py, which passes ACDCORE_TARGET and ACDCORE_TOKENS).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { AcdClient, AcdError } from "../src/index";

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
