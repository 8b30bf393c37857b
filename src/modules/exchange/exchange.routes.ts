import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { routeKit } from '../../http/route-kit.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import { binary, errors, xlsx } from '#platform/contract.ts';
import { listAgencies } from '#modules/places/index.ts';
import { parseEdxml } from './edxml.ts';
import * as c from './exchange.contract.ts';
import { ExchangeErrors } from './exchange.errors.ts';
import * as repo from './exchange.repository.ts';
import { edxmlDate } from './packets.ts';
import { receiveMessage } from './receive-message.ts';
import { recallDocument, recordStatus } from './record-status.ts';
import { registerWorkbook } from './register-export.ts';
import { CENTRAL_AGENCIES, resolveAgency, selfAnnouncement } from './registry.ts';
import { requireClerkOf, reviseDocument, sendDocument } from './send-document.ts';
import { signedSelfAnnouncement } from './node-announcement.ts';
import { receiveNationalSync, type SyncBatch } from './national-sync.ts';
import { type AnchorBatch, receiveAuditAnchors } from './audit-anchors.ts';
import { type DvcqgSyncRow, dvcqgSyncSummary, listDvcqgSync } from '#modules/notifications/index.ts';
import { may } from './policy.ts';
import { presentDocument, presentRecipient } from './present-document.ts';

/** A register row: the document as presented, without its content. */
function registerRow(doc: repo.DocumentRow) {
  const { content: _c, ...view } = presentDocument(doc);
  return view;
}

/** Trục liên thông văn bản (issue 15): documents, statuses, registers, node-to-node inbound. */
export const exchangeRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['exchange'] });
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  /** The node's registry and sync log: 403 for those who may not read them. */
  function mayReadRegistry(actor: Actor) {
    if (!may.readRegistry(actor)) throw ExchangeErrors.EXCHANGE_NOT_CLERK({}, { agency: '—' });
  }

  /** The document if the actor is a clerk of its sender or of a recipient holding it here; else 404. */
  async function readable(actor: Actor, documentId: string, withEnvelope = false) {
    const doc = await repo.findDocument(ctx.db, documentId, withEnvelope);
    if (!doc) throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
    const recipients = await repo.listRecipients(ctx.db, documentId);
    const sender = doc.outgoing && may.clerkFor(actor, doc.fromAgency);
    const recipient = recipients.some((r) => r.hostedHere && r.receivedAt && may.clerkFor(actor, r.agencyCode));
    if (!sender && !recipient) throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
    await appendAudit(ctx.db, {
      chain: `exchange:${documentId}`,
      actorId: actor.id,
      action: 'exchange.read',
      subjectType: 'exchange_document',
      subjectId: documentId,
      at: ctx.clock.now(),
    });
    return { doc, recipients, sender };
  }

  route.post(
    '/api/v1/exchange/documents',
    { description: 'Gửi văn bản đi (ký số edXML) / send a signed document', body: c.SendBody, response: { 201: c.DocumentView, ...errors(401, 403, 404, 409, 422) } },
    route.signedIn(async ({ req, reply, actor }) => {
      const doc = await ctx.db.transaction((tx) => sendDocument(ctx, tx, actor, req.body));
      ctx.exchange?.poke();
      return reply.status(201).send({ ...presentDocument(doc), recipients: (await repo.listRecipients(ctx.db, doc.documentId)).map(presentRecipient), statuses: await statusesOf(doc.documentId) });
    }),
  );

  async function statusesOf(documentId: string) {
    return (await repo.listStatuses(ctx.db, documentId)).map((s) => ({
      agency: s.agencyCode,
      statusCode: s.statusCode,
      at: toLocalIso(new Date(s.at)),
      from: s.fromAgency,
      ...(s.description ? { description: s.description } : {}),
      ...(s.staff ? { staff: s.staff } : {}),
    }));
  }

  route.get(
    '/api/v1/exchange/documents/:documentId',
    { description: 'Một văn bản và vết trạng thái / a document with its status trail', params: c.DocumentParams, response: { 200: c.DocumentView, ...errors(401, 404) } },
    route.signedIn(async ({ req, actor }) => {
      const { doc, recipients, sender } = await readable(actor, req.params.documentId);
      // A recipient's clerk sees its own row, not the other recipients' progress.
      const visible = sender ? recipients : recipients.filter((r) => r.hostedHere && may.clerkFor(actor, r.agencyCode));
      const agencies = new Set(visible.map((r) => r.agencyCode));
      return {
        ...presentDocument(doc),
        recipients: visible.map(presentRecipient),
        statuses: (await statusesOf(doc.documentId)).filter((s) => agencies.has(s.agency)),
      };
    }),
  );

  route.get(
    '/api/v1/exchange/documents/:documentId/edxml',
    { description: 'Gói tin edXML đã ký, nguyên bản / the signed envelope as sent', params: c.DocumentParams, response: { 200: binary('application/xml', 'edXML'), ...errors(401, 404) } },
    async (req, reply) => {
      const { doc } = await readable(requireActor(req), req.params.documentId, true);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${doc.sha256.slice(0, 16)}.edxml"`).send(doc.envelope);
    },
  );

  route.get(
    '/api/v1/exchange/documents/:documentId/attachments/:contentId',
    { description: 'Tệp đính kèm (xem trực tiếp) / an attachment, inline', params: c.AttachmentParams, response: { 200: binary('application/octet-stream', 'tệp / file'), ...errors(401, 404) } },
    async (req, reply) => {
      const { doc } = await readable(requireActor(req), req.params.documentId, true);
      const parsed = parseEdxml(doc.envelope);
      const a = parsed.kind === 'edoc' ? parsed.envelope.attachments.find((x) => x.contentId === req.params.contentId) : undefined;
      if (!a) throw ExchangeErrors.EXCHANGE_DOCUMENT_NOT_FOUND();
      return reply
        .type(a.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.attachmentName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(a.content as never); // bytes: sent as is, past the serialiser
    },
  );

  route.post(
    '/api/v1/exchange/documents/:documentId/recall',
    { description: 'Yêu cầu lấy lại văn bản (13) / ask recipients to give it back', params: c.DocumentParams, body: c.RecallBody, response: { 200: c.RecipientsAnswer, ...errors(401, 404, 409) } },
    route.signedIn(async ({ req, actor }) => {
      const recipients = await ctx.db.transaction((tx) => recallDocument(ctx, tx, actor, req.params.documentId, req.body.reason));
      ctx.exchange?.poke();
      return { recipients: recipients.map(presentRecipient) };
    }),
  );

  route.post(
    '/api/v1/exchange/documents/:documentId/revise',
    { description: 'Thu hồi (1) hoặc cập nhật (2) văn bản đã gửi / revoke or update a sent document', params: c.DocumentParams, body: c.ReviseBody, response: { 200: c.OutgoingItem, ...errors(401, 403, 404, 409) } },
    route.signedIn(async ({ req, actor }) => {
      const { type, ...rest } = req.body;
      const doc = await ctx.db.transaction((tx) => reviseDocument(ctx, tx, actor, req.params.documentId, { ...rest, type: type === 'revoke' ? 1 : 2 }));
      ctx.exchange?.poke();
      return { ...registerRow(doc), recipients: (await repo.listRecipients(ctx.db, doc.documentId)).map(presentRecipient) };
    }),
  );

  route.get(
    '/api/v1/exchange/documents',
    { description: 'Sổ văn bản đi / outgoing register', querystring: c.RegisterQuery, response: { 200: c.OutgoingList, ...errors(401, 403) } },
    route.signedIn(async ({ req, actor }) => {
      requireClerkOf(actor, req.query.agency); // the registers are the agency's clerks' (văn thư)
      const docs = await repo.listOutgoing(ctx.db, req.query);
      const items = [];
      for (const d of docs) items.push({ ...registerRow(d), recipients: (await repo.listRecipients(ctx.db, d.documentId)).map(presentRecipient) });
      return { items };
    }),
  );

  route.get(
    '/api/v1/exchange/inbox',
    { description: 'Sổ văn bản đến / incoming register', querystring: c.RegisterQuery, response: { 200: c.IncomingList, ...errors(401, 403) } },
    route.signedIn(async ({ req, actor }) => {
      requireClerkOf(actor, req.query.agency);
      const rows = await repo.listIncoming(ctx.db, req.query);
      return { items: rows.map(({ recipient, ...d }) => ({ ...registerRow(d as repo.DocumentRow), recipient: presentRecipient(recipient) })) };
    }),
  );

  for (const kind of ['outgoing', 'incoming'] as const) {
    route.get(
      `/api/v1/exchange/registers/${kind}.xlsx`,
      { description: kind === 'outgoing' ? 'Sổ văn bản đi (Excel)' : 'Sổ văn bản đến (Excel)', querystring: c.RegisterExportQuery, response: { 200: xlsx('sổ văn bản / register'), ...errors(401, 403) } },
      route.signedIn(async ({ req, reply, actor }) => {
        requireClerkOf(actor, req.query.agency);
        const filter = { ...req.query, limit: 100_000 };
        const buffer =
          kind === 'outgoing'
            ? await registerWorkbook('outgoing', req.query.agency, await repo.listOutgoing(ctx.db, filter), (id) => repo.listRecipients(ctx.db, id))
            : await registerWorkbook('incoming', req.query.agency, await repo.listIncoming(ctx.db, filter));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="so-van-ban-${kind === 'outgoing' ? 'di' : 'den'}-${req.query.agency}.xlsx"`)
          .send(buffer as never);
      }),
    );
  }

  route.post(
    '/api/v1/exchange/inbox/:documentId/status',
    { description: 'Văn thư nơi nhận cập nhật trạng thái (02–06, 15, 16) / the recipient clerk moves the document on', params: c.DocumentParams, body: c.StatusBody, response: { 200: c.RecipientsAnswer, ...errors(401, 403, 404, 409) } },
    route.signedIn(async ({ req, actor }) => {
      const r = await ctx.db.transaction((tx) => recordStatus(ctx, tx, actor, req.params.documentId, req.body));
      ctx.exchange?.poke();
      return { recipients: [presentRecipient(r)] };
    }),
  );

  route.get(
    '/api/v1/exchange/next-number',
    { description: 'Số tiếp theo của sổ văn bản đi / next number of the outgoing register', querystring: c.AgencyParams, response: { 200: c.NextNumberAnswer, ...errors(401, 403) } },
    route.signedIn(async ({ req, actor }) => {
      requireClerkOf(actor, req.query.agency);
      const year = Number(edxmlDate(ctx.clock.now()).slice(0, 4));
      return { agency: req.query.agency, year, next: await repo.nextNumber(ctx.db, req.query.agency, year) };
    }),
  );

  route.get(
    '/api/v1/exchange/agencies',
    {
      description: 'Nơi nhận có thể gửi tới (tìm theo tên hoặc mã) / addressable agencies',
      querystring: c.RegisterQuery.pick({ q: true }).extend({ limit: c.RegisterQuery.shape.limit.default(20) }),
      response: { 200: c.AgenciesAnswer, ...errors(401) },
    },
    async (req) => {
      requireActor(req);
      const q = req.query.q ?? '';
      const nodes = await repo.listNodes(ctx.db);
      const central = [...CENTRAL_AGENCIES, ...nodes.flatMap((n) => n.agencies)].filter(
        (a, i, all) => all.findIndex((b) => b.code === a.code) === i && (!q || a.name.toLowerCase().includes(q.toLowerCase()) || a.code.includes(q)),
      );
      const local = await listAgencies(ctx.db, { q: q || undefined, limit: req.query.limit } as Parameters<typeof listAgencies>[1]);
      const items = [];
      for (const a of [...central, ...local]) {
        const r = await resolveAgency(ctx, ctx.db, a.code);
        if (r) items.push({ code: r.code, name: r.name, node: r.node });
        if (items.length >= req.query.limit) break;
      }
      return { items };
    },
  );

  route.get(
    '/api/v1/exchange/node',
    {
      description: 'Lời công bố đã ký của nút này: cơ quan nó quản lý / this node’s signed announcement',
      response: { 200: c.SignedAnnouncement, ...errors() },
    },
    async () => ctx.db.transaction((tx) => signedSelfAnnouncement(ctx, tx)),
  );

  /** The registry's nodes, each with the state of this node's envelopes to it. */
  async function nodesWithDelivery() {
    const delivery = new Map((await repo.outboxByNode(ctx.db)).map((d) => [d.node, d]));
    return (await repo.listNodes(ctx.db)).map((n) => {
      const d = delivery.get(n.nodeId);
      return {
        ...n,
        announcedAt: toLocalIso(new Date(n.announcedAt)),
        delivery: {
          pending: d?.pending ?? 0,
          failing: d?.failing ?? 0,
          lastError: d?.lastError ?? null,
          lastDeliveredAt: d?.lastDeliveredAt ? toLocalIso(new Date(d.lastDeliveredAt)) : null,
        },
      };
    });
  }

  route.get(
    '/api/v1/exchange/registry',
    { description: 'Sổ đăng ký nút, hàng đợi gửi và gói tin bị từ chối / registry, outbox and refusals', response: { 200: c.RegistryView, ...errors(401, 403) } },
    route.signedIn(async ({ actor }) => {
      mayReadRegistry(actor);
      return {
        self: await selfAnnouncement(ctx, ctx.db),
        nodes: await nodesWithDelivery(),
        transport: ctx.config.NATS_URL ? ('nats' as const) : ('http' as const),
        outbox: await repo.outboxCounts(ctx.db),
        refusals: (await repo.listRefusals(ctx.db)).map((r) => ({ ...r, at: toLocalIso(new Date(r.at)) })),
      };
    }),
  );

  route.post(
    '/api/v1/exchange/national-sync',
    {
      description: 'Nút quốc gia nhận lô đồng bộ trạng thái hồ sơ (ký bằng khóa của nút gửi) / the national node takes a signed sync batch',
      body: c.NationalSyncBatch,
      response: { 200: c.NationalSyncAnswer, ...errors(400, 404, 422) },
    },
    async (req) => receiveNationalSync(ctx, req.body as SyncBatch),
  );

  route.get(
    '/api/v1/exchange/national-sync',
    {
      description: 'Nhật ký đồng bộ Cổng DVC quốc gia: đã gửi và xác nhận, hoặc đã nhận (nút quốc gia) / the national-portal sync log',
      querystring: c.NationalSyncQuery,
      response: { 200: c.NationalSyncView, ...errors(401, 403) },
    },
    route.signedIn(async ({ req, actor }) => {
      mayReadRegistry(actor);
      const at = (d: Date | null) => (d ? toLocalIso(new Date(d)) : null);
      const sent = ctx.config.MOTCUA_NODE_ROLE === 'national' ? [] : await listDvcqgSync(ctx.db, req.query);
      const national = ctx.config.MOTCUA_NODE_ROLE === 'national';
      const received = national ? await repo.listNationalSync(ctx.db, req.query) : [];
      const sentView = (r: DvcqgSyncRow) => ({ ...r, recordedAt: toLocalIso(new Date(r.recordedAt)), deliveredAt: at(r.deliveredAt) });
      const local = national ? { pending: 0, acknowledged: 0, failing: 0, oldestPending: null } : await dvcqgSyncSummary(ctx.db);
      const held = national ? await repo.nationalSyncCounts(ctx.db) : { received: 0, nodes: 0 };
      return {
        role: ctx.config.MOTCUA_NODE_ROLE,
        sent: sent.map(sentView),
        received: received.map(({ nodeId, id: _id, ...r }) => ({ ...r, node: nodeId, receivedAt: toLocalIso(new Date(r.receivedAt)) })),
        summary: { ...local, oldestPending: local.oldestPending ? sentView(local.oldestPending) : null, ...held },
      };
    }),
  );

  route.post(
    '/api/v1/exchange/audit-anchors',
    {
      description: 'Nút quốc gia nhận điểm mốc nhật ký của một nút (ký bằng khóa của nút gửi) / the national node anchors a signed batch of audit checkpoint digests',
      body: c.AuditAnchorBatch,
      response: { 200: c.AuditAnchorAnswer, ...errors(400, 404, 422) },
    },
    async (req) => receiveAuditAnchors(ctx, req.body as AnchorBatch),
  );

  route.get(
    '/api/v1/exchange/audit-anchors',
    {
      description:
        'Điểm mốc nhật ký: đã gửi nút quốc gia và được xác nhận, hoặc đã nhận (nút quốc gia); `motcua audit verify --anchors` đọc câu trả lời này / audit checkpoints anchored at the national node',
      querystring: c.AuditAnchorQuery,
      response: { 200: c.AuditAnchorView, ...errors(401, 403) },
    },
    route.signedIn(async ({ req, actor }) => {
      mayReadRegistry(actor);
      const at = (d: Date | null) => (d ? toLocalIso(new Date(d)) : null);
      const national = ctx.config.MOTCUA_NODE_ROLE === 'national';
      const sent = national ? [] : await repo.listCheckpointAnchors(ctx.db, req.query.limit);
      const anchors = national ? await repo.listAuditAnchors(ctx.db, req.query) : [];
      return {
        role: ctx.config.MOTCUA_NODE_ROLE,
        sent: sent.map((r) => ({ ...r, at: toLocalIso(new Date(r.at)), anchoredAt: at(r.anchoredAt) })),
        anchors: anchors.map(({ nodeId, ...r }) => ({ ...r, node: nodeId, at: toLocalIso(new Date(r.at)), receivedAt: toLocalIso(new Date(r.receivedAt)) })),
        summary: national ? { total: 0, anchored: 0, pending: 0 } : await repo.checkpointAnchorCounts(ctx.db),
      };
    }),
  );

  route.post(
    '/api/v1/exchange/inbound',
    {
      description: 'Nhận gói tin edXML từ nút khác (application/xml; chữ ký số của gói tin xác thực nó) / node-to-node inbound',
      response: { 200: c.InboundAnswer, ...errors(413, 415, 422) },
    },
    async (req) => {
      if (typeof req.body !== 'string' || !/^(application|text)\/xml/.test(req.headers['content-type'] ?? '')) throw ExchangeErrors.EXCHANGE_NOT_XML();
      const result = await receiveMessage(ctx, req.body, 'http', { refreshRegistry: ctx.exchange?.refreshRegistry });
      ctx.exchange?.poke();
      if (result.outcome === 'refused') throw ExchangeErrors.EXCHANGE_ENVELOPE_REFUSED({ problem: result.problem }, { problem: result.problem, detail: result.detail.slice(0, 200) });
      return result;
    },
  );
};
