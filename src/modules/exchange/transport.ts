import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { AppContext } from '#platform/context.ts';
import { requestTransactions } from '#platform/request-transaction.ts';
import * as repo from './exchange.repository.ts';
import { sendCopyUpdates } from './federated-step.ts';
import { receiveMessage } from './receive-message.ts';
import { pushAuditAnchors } from './audit-anchors.ts';
import { answerSyncBatch, pushNationalSync, type SyncAck, type SyncBatch, type SyncBus, takeSyncAck } from './national-sync.ts';
import { acceptAnnouncement, signedSelfAnnouncement } from './node-announcement.ts';
import type { Announcement } from './registry.ts';
import { failureText } from '#platform/errors.ts';

/**
 * Delivery of the exchange outbox. Each row (one message, one target node) is claimed with a
 * lease, handed to the transport and marked delivered once acknowledged:
 * - NATS JetStream when NATS_URL is set: published on `<federation>.node.<target>.<kind>` with
 *   `Nats-Msg-Id` = target node + the message key (DocumentId + agency + status; the stream's
 *   de-duplication is stream-wide), acknowledged by the PubAck
 *   (the stream holds it durably); the target's durable consumer stores it and acks only then.
 * - otherwise HTTPS: `POST <peer>/api/v1/exchange/inbound` (application/xml); 2xx or a 4xx refusal
 *   (recorded there, retrying cannot help) ends it; a network error or 5xx retries.
 * Failures back off 1 s, 2 s, 4 s … up to 30 s, so a node that returns gets everything soon.
 */
export interface ExchangeRuntime {
  poke(): void;
  /** Fetches the announcements of HTTP peers (and of the bus) into the registry now. */
  refreshRegistry(): Promise<void>;
  /** Pushes the pending national-portal sync payloads to the national node now (tests). */
  syncNational(): Promise<{ acknowledged: number; failed: boolean }>;
  /** Sends the audit checkpoints the national node does not hold yet, now (tests). */
  anchorAudit(): Promise<{ acknowledged: number; failed: boolean }>;
  /** Resolves when no due message is left (tests, benchmarks). */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

const BATCH = 200;
const LEASE_MS = 60_000;
const POLL_MS = 1_000;
const REGISTRY_MS = 15_000;
/** Audit checkpoints are written every few minutes (MOTCUA_AUDIT_CHECKPOINT_SECONDS): looked for this often. */
const ANCHOR_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;
export const retryDelayMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * A push run from the delivery loop: one at a time (a call while it runs shares it), due again
 * `idleMs` after one that worked, and backing off like the outbox (retryDelayMs) after failures.
 */
function backingOff<R extends { failed: boolean }>(push: () => Promise<R>, idleMs: number) {
  let failures = 0;
  let after = 0;
  let running: Promise<R> | null = null;
  const run = (): Promise<R> => {
    running ??= push()
      .then((r) => {
        failures = r.failed ? failures + 1 : 0;
        after = Date.now() + (r.failed ? retryDelayMs(failures) : idleMs);
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  return { run, due: () => Date.now() >= after, settled: async () => void (await running?.catch(() => {})) };
}

class PermanentFailure extends Error {}

export async function startExchange(ctx: AppContext): Promise<ExchangeRuntime> {
  const bus = ctx.config.NATS_URL ? await NatsBus.open(ctx) : null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const peers = ctx.config.MOTCUA_PEERS;

  async function urlOf(node: string): Promise<string | null> {
    const peer = peers.find((p) => p.id === node);
    if (peer) return peer.url;
    return (await repo.listNodes(ctx.db)).find((n) => n.nodeId === node)?.url ?? null;
  }

  async function deliver(row: repo.OutboxRow): Promise<void> {
    if (bus) return bus.publish(row);
    const url = await urlOf(row.targetNode);
    if (!url) throw new Error(`no route to node ${row.targetNode} (MOTCUA_PEERS or NATS_URL)`);
    const res = await fetch(`${url}/api/v1/exchange/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8', 'x-motcua-node': ctx.config.MOTCUA_NODE_ID },
      body: row.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentFailure(`${res.status} ${text.slice(0, 300)}`);
    if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  }

  async function tick(): Promise<void> {
    // Copies of federated dossiers marked by their actions: signed and queued first, then delivered below.
    await sendCopyUpdates(ctx).catch((error) => ctx.logger.error({ err: error }, 'federated copy update not queued'));
    for (;;) {
      const now = ctx.clock.now();
      const rows = await ctx.db.transaction((tx) => repo.claimDue(tx, now, new Date(now.getTime() + LEASE_MS), BATCH));
      if (rows.length === 0 || stopped) return;
      const done: number[] = [];
      await Promise.all(
        rows.map(async (row) => {
          try {
            await deliver(row);
            done.push(row.id);
          } catch (error) {
            const message = failureText(error);
            if (error instanceof PermanentFailure) {
              ctx.logger.warn({ messageId: row.messageId, target: row.targetNode, error: message }, 'edXML package refused by the target node');
              await repo.markFailed(ctx.db, row.id, `refused: ${message}`, now);
              done.push(row.id);
              return;
            }
            await repo.markFailed(ctx.db, row.id, message, new Date(ctx.clock.now().getTime() + retryDelayMs(row.attempts)));
          }
        }),
      );
      await repo.markDelivered(ctx.db, done, ctx.clock.now());
      if (done.length === 0) return;
    }
  }

  function poke(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // Routes poke after their work: the delivery must not run inside that request's transaction
    // (an Idempotency-Key request holds one, platform/request-transaction.ts), where its claims would
    // commit with the request, or fail once the request has ended ("Transaction is closed").
    running = requestTransactions
      .exit(() => tick())
      .catch((error) => ctx.logger.error({ err: error }, 'exchange outbox delivery failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          poke();
        }
      });
  }

  async function refreshRegistry(): Promise<void> {
    for (const peer of peers) {
      try {
        const res = await fetch(`${peer.url}/api/v1/exchange/node`, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) continue;
        const a = (await res.json()) as Announcement;
        if (a.nodeId !== peer.id) {
          ctx.logger.warn({ peer: peer.id, announced: a.nodeId }, 'peer announces another node id; ignored');
          continue;
        }
        await acceptAnnouncement(ctx, a, 'http', peer.url);
      } catch (error) {
        ctx.logger.debug({ peer: peer.id, err: error }, 'peer not reachable yet');
      }
    }
    if (bus) {
      try {
        await bus.refreshRegistry();
      } catch (error) {
        ctx.logger.warn({ err: error }, 'registry not read from the bus yet; retried later');
      }
    }
  }

  await bus?.start();
  // The registry first: an envelope from an agency this node has not heard of yet would be refused.
  await refreshRegistry();
  bus?.consume();
  // National-portal sync: pushed every POLL_MS while it works; audit checkpoints looked for every ANCHOR_MS.
  const sync = backingOff(() => pushNationalSync(ctx, bus), 0);
  const anchors = backingOff(() => pushAuditAnchors(ctx), ANCHOR_MS);
  const timer = setInterval(() => {
    poke();
    if (!stopped && sync.due()) void sync.run().catch((error) => ctx.logger.error({ err: error }, 'national-portal sync failed'));
    if (!stopped && anchors.due()) void anchors.run().catch((error) => ctx.logger.error({ err: error }, 'audit anchoring failed'));
  }, POLL_MS);
  const registryTimer = setInterval(() => void refreshRegistry().catch(() => {}), REGISTRY_MS);
  poke();
  return {
    poke,
    refreshRegistry,
    syncNational: sync.run,
    anchorAudit: anchors.run,
    async drain(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        poke();
        await running;
        const { pending } = await repo.outboxCounts(ctx.db);
        const [due] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_outbox WHERE delivered_at IS NULL AND last_error IS NULL');
        if (pending === 0 || due.n === 0 || Date.now() > until) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(registryTimer);
      await running;
      await sync.settled();
      await anchors.settled();
      await bus?.close();
    },
  };
}

/**
 * Messages are stored one after another (each verifies an XML signature and runs a transaction),
 * so a pull is kept small and the ack wait long: a message must never sit in the client's buffer
 * past its ack wait, or the broker redelivers it while the first copy is still queued, and a
 * slow node spends its time on duplicates.
 */
const PULL_BATCH = 20;
const ACK_WAIT_NS = 60 * 1_000_000_000;

/** The federation's JetStream: one stream, one durable consumer per node. */
export class NatsBus implements SyncBus {
  readonly syncInFlight = new Map<number, number>();
  private consuming: Promise<void> | null = null;
  private closing = false;
  private messages: { stop(): void } | null = null;

  private constructor(
    private readonly ctx: Ctx,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  get fed() {
    return this.ctx.config.MOTCUA_FEDERATION;
  }
  get stream() {
    return streamName(this.fed);
  }
  get node() {
    return this.ctx.config.MOTCUA_NODE_ID;
  }

  static async open(ctx: Ctx): Promise<NatsBus> {
    const nc = await connect({ servers: ctx.config.NATS_URL, name: `motcua-${ctx.config.MOTCUA_NODE_ID}`, maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);
    const bus = new NatsBus(ctx, nc, jetstream(nc), jsm);
    await ensureStream(jsm, ctx.config.MOTCUA_FEDERATION);
    return bus;
  }

  async publish(row: repo.OutboxRow): Promise<void> {
    await this.js.publish(`${this.fed}.node.${row.targetNode}.${row.kind}`, row.body, { msgID: encodeURIComponent(`${row.targetNode}|${row.messageId}`), timeout: 10_000 });
  }

  /** A signed national-portal sync batch for the national node (national-sync.ts). */
  async publishSync(target: string, batch: SyncBatch): Promise<void> {
    const ids = batch.items.map((i) => i.id);
    const msgID = encodeURIComponent(`${target}|sync|${batch.nodeId}|${ids[0]}-${ids.at(-1)}|${batch.signedAt}`);
    await this.js.publish(`${this.fed}.node.${target}.sync`, JSON.stringify(batch), { msgID, timeout: 10_000 });
  }

  /** One message of this node's consumer: a national-portal sync batch or its acknowledgement (JSON), else an edXML package. */
  private async take(subject: string, text: string): Promise<void> {
    if (subject.endsWith('.sync') || subject.endsWith('.syncack')) {
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: nothing to store, nothing to answer
      }
      const shape = subject.endsWith('.sync') ? 'items' : 'acknowledged';
      if (!body || typeof body !== 'object' || !Array.isArray((body as Record<string, unknown>)[shape])) {
        this.ctx.logger.warn({ subject }, 'malformed national-portal sync message dropped');
        return;
      }
    }
    if (subject.endsWith('.sync')) {
      const ack = await answerSyncBatch(this.ctx, JSON.parse(text) as SyncBatch);
      const msgID = encodeURIComponent(`${ack.to}|syncack|${this.node}|${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
      await this.js.publish(`${this.fed}.node.${ack.to}.syncack`, JSON.stringify(ack), { msgID, timeout: 10_000 });
      return;
    }
    if (subject.endsWith('.syncack')) {
      await takeSyncAck(this.ctx, JSON.parse(text) as SyncAck, this);
      return;
    }
    await receiveMessage(this.ctx, text, 'nats', { refreshRegistry: () => this.refreshRegistry() });
  }

  async start(): Promise<void> {
    const durable = consumerName(this.node);
    const existing = await this.jsm.consumers.info(this.stream, durable).catch(() => null);
    if (!existing) {
      await this.jsm.consumers.add(this.stream, {
        durable_name: durable,
        filter_subject: `${this.fed}.node.${this.node}.>`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: ACK_WAIT_NS,
        max_ack_pending: 1_000,
      });
    } else if (existing.config.ack_wait !== ACK_WAIT_NS) {
      await this.jsm.consumers.update(this.stream, durable, { ack_wait: ACK_WAIT_NS });
    }
    const signed = await this.ctx.db.transaction((tx) => signedSelfAnnouncement(this.ctx, tx));
    await this.js.publish(`${this.fed}.registry.${this.node}`, JSON.stringify(signed));
  }

  /** Starts storing this node's messages: after the registry was read, so that senders are known. */
  consume(): void {
    this.consuming ??= this.consumeForever(consumerName(this.node));
  }

  /**
   * Stores and acks every message of this node's durable consumer. The pull loop is restarted
   * (after 1 s) whenever it ends or fails while the bus is open, so a broker restart, a
   * consumer recreated under it or a failed pull never leaves the node deaf; what it missed is
   * still in the stream and comes with the next pull.
   */
  private async consumeForever(durable: string): Promise<void> {
    while (!this.closing) {
      try {
        const consumer = await this.js.consumers.get(this.stream, durable);
        const messages = await consumer.consume({ max_messages: PULL_BATCH });
        this.messages = messages;
        void (async () => {
          for await (const s of await messages.status()) {
            if (s.type === 'heartbeats_missed' || s.type === 'consumer_not_found' || s.type === 'consumer_deleted' || s.type === 'stream_not_found')
              this.ctx.logger.warn({ status: s }, 'JetStream consumer status');
          }
        })().catch(() => {});
        for await (const m of messages) {
          try {
            // Stored (or found already stored, or refused and recorded) → ack; a database failure → redeliver.
            await this.take(m.subject, m.string());
            m.ack();
          } catch (error) {
            this.ctx.logger.error({ err: error, subject: m.subject }, 'edXML package not stored; will be redelivered');
            m.nak(2_000);
          }
        }
        if (!this.closing) this.ctx.logger.warn({ durable }, 'JetStream consumption ended; restarting it');
      } catch (error) {
        if (!this.closing) this.ctx.logger.warn({ err: error, durable }, 'JetStream consumption failed; restarting it');
      }
      if (!this.closing) await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  async refreshRegistry(): Promise<void> {
    const info = await this.jsm.streams.info(this.stream, { subjects_filter: `${this.fed}.registry.>` });
    for (const subject of Object.keys(info.state.subjects ?? {})) {
      const msg = await this.jsm.streams.getMessage(this.stream, { last_by_subj: subject });
      if (!msg) continue;
      const a = msg.json<Announcement>();
      if (subject.endsWith(`.${a.nodeId}`)) await acceptAnnouncement(this.ctx, a, 'nats');
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.messages?.stop();
    await this.nc.drain().catch(() => {});
    await this.consuming?.catch(() => {});
  }
}

export const streamName = (federation: string) => `${federation.toUpperCase().replace(/-/g, '_')}_EXCHANGE`;
const consumerName = (node: string) => `node_${node.replace(/-/g, '_')}`;

export async function ensureStream(jsm: JetStreamManager, federation: string): Promise<void> {
  const name = streamName(federation);
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects: [`${federation}.>`], duplicate_window: 10 * 60 * 1_000_000_000 });
  }
}
