import { z } from 'zod';
import { DOCUMENT_ID, ORGAN_ID } from './edxml.ts';

/**
 * The HTTP contract of the interconnection axis (issue 15 item 8): every route's params,
 * query, body and answers. Routes in exchange.routes.ts only wire these to the use cases.
 */
const agencyId = z.string().trim().regex(ORGAN_ID, 'mã định danh QCVN 102, ví dụ 000.00.00.G22');
const text = (max: number) => z.string().trim().min(1).max(max).transform((s) => s.normalize('NFC'));
const isoDate = z.iso.date();
const isoInstant = z.string();

export const DocumentParams = z.object({ documentId: z.string().regex(DOCUMENT_ID, 'DocumentId edXML: <mã cơ quan>,<yyyy/MM/dd>,<số>/<ký hiệu>') });
export const AttachmentParams = DocumentParams.extend({ contentId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/) });
export const AgencyParams = z.object({ agency: agencyId });

export const SendBody = z.object({
  from: agencyId,
  to: z.array(agencyId).min(1).max(200),
  /** Số: omitted → the next number of the agency's outgoing register for the year. */
  codeNumber: z.string().trim().regex(/^[0-9]{1,9}$/, 'số văn bản là chữ số').optional(),
  codeNotation: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}.-]{0,39}$/u, 'ký hiệu, ví dụ UBND-VP').transform((s) => s.normalize('NFC')),
  subject: text(1000),
  content: text(20_000).optional(),
  documentType: text(100),
  signer: z.object({ fullName: text(200), position: text(200) }),
  /** Độ khẩn: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
  priority: z.number().int().min(0).max(4).optional(),
  dueDate: isoDate.optional(),
  attachments: z.array(z.uuid()).max(20).default([]),
  /** Văn bản thay thế (BussinessDocType 3): the DocumentIds it replaces. */
  replaces: z.array(z.string().regex(DOCUMENT_ID)).max(20).optional(),
  reason: text(1000).optional(),
});

export const StatusBody = z.object({
  agency: agencyId,
  statusCode: z.enum(['02', '03', '04', '05', '06', '15', '16']),
  description: text(1000).optional(),
  /** 04: the leader or department the document is assigned to. */
  assignee: text(200).optional(),
});

export const RecallBody = z.object({ reason: text(1000) });
export const ReviseBody = z.object({
  type: z.enum(['revoke', 'update']),
  reason: text(1000),
  subject: text(1000).optional(),
  content: text(20_000).optional(),
});

export const RegisterQuery = z.object({
  agency: agencyId,
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const RegisterExportQuery = RegisterQuery.omit({ limit: true });

const StatusEntry = z.object({
  agency: z.string(),
  statusCode: z.string(),
  at: isoInstant,
  description: z.string().optional(),
  from: z.string(),
  staff: z.string().optional(),
});
const Recipient = z.object({
  agency: z.string(),
  name: z.string(),
  hostedHere: z.boolean(),
  statusCode: z.string().nullable(),
  arrivalNumber: z.number().nullable(),
  receivedAt: isoInstant.nullable(),
  assignee: z.string().nullable(),
  recallState: z.enum(['requested', 'agreed', 'refused']).nullable(),
});
export const DocumentView = z.object({
  documentId: z.string(),
  from: z.object({ agency: z.string(), name: z.string() }),
  to: z.array(z.object({ agency: z.string(), name: z.string() })),
  codeNumber: z.string(),
  codeNotation: z.string(),
  number: z.string(),
  promulgationDate: isoDate,
  documentType: z.string(),
  subject: z.string(),
  content: z.string().nullable(),
  signer: z.object({ fullName: z.string(), position: z.string() }),
  priority: z.number(),
  dueDate: isoDate.nullable(),
  businessType: z.number(),
  businessReason: z.string().nullable(),
  replaces: z.array(z.string()),
  state: z.enum(['active', 'revoked', 'updated', 'replaced']),
  supersededBy: z.string().nullable(),
  attachments: z.array(z.object({ contentId: z.string(), name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
  sha256: z.string(),
  outgoing: z.boolean(),
  createdAt: isoInstant,
  recipients: z.array(Recipient),
  statuses: z.array(StatusEntry),
});
export const OutgoingItem = DocumentView.omit({ statuses: true, content: true });
export const IncomingItem = DocumentView.omit({ statuses: true, recipients: true, content: true }).extend({ recipient: Recipient });
export const OutgoingList = z.object({ items: z.array(OutgoingItem) });
export const IncomingList = z.object({ items: z.array(IncomingItem) });

export const Announcement = z.object({
  nodeId: z.string(),
  role: z.enum(['local', 'national']),
  url: z.string().nullable(),
  provinces: z.array(z.string()),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
});
/** An announcement signed by its node (RSA-SHA256 over the fields and `signedAt`, node certificate and chain). */
export const SignedAnnouncement = Announcement.extend({ signedAt: isoInstant, signature: z.string(), certificates: z.array(z.string()) });
export const RegistryView = z.object({
  self: Announcement,
  nodes: z.array(
    Announcement.extend({
      announcedAt: isoInstant,
      /** This node's envelopes to that node: waiting, of those failing, the latest error, the latest delivery (the node's state). */
      delivery: z.object({ pending: z.number(), failing: z.number(), lastError: z.string().nullable(), lastDeliveredAt: isoInstant.nullable() }),
    }),
  ),
  transport: z.enum(['nats', 'http']),
  outbox: z.object({ pending: z.number(), delivered: z.number(), failing: z.number() }),
  refusals: z.array(z.object({ id: z.number(), documentId: z.string().nullable(), fromAgency: z.string().nullable(), problem: z.string(), detail: z.string(), via: z.string(), at: isoInstant })),
});
export const InboundAnswer = z.object({
  outcome: z.enum(['stored', 'duplicate']),
  kind: z.enum(['edoc', 'status']),
  documentId: z.string(),
});
export const RecipientsAnswer = z.object({ recipients: z.array(Recipient) });
export const AgenciesAnswer = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), node: z.string() })) });
export const NextNumberAnswer = z.object({ agency: z.string(), year: z.number(), next: z.number() });

/** A batch of national-portal status payloads signed by the sending node (node-signature.ts). */
/** The fields of a batch signed with a node's key (node-signature.ts: canonical JSON of its content). */
const NodeSigned = {
  nodeId: z.string().min(1).max(100),
  signedAt: z.string().max(40),
  // optional here so that an unsigned batch is refused as such (422), not as malformed input
  signature: z.string().max(4000).optional(),
  certificates: z.array(z.string().max(20_000)).max(6).optional(),
};
/** The national node's answer to a signed batch: what it now holds, and how much of it is new. */
const BatchAnswer = z.object({ node: z.string(), acknowledged: z.array(z.number()), stored: z.number() });

export const NationalSyncBatch = z.object({
  ...NodeSigned,
  items: z
    .array(z.object({ id: z.number().int().positive(), payload: z.object({ MaHoSo: z.string().min(1).max(100), TrangThai: z.number().int().optional() }).passthrough() }))
    .min(1)
    .max(100),
});
export const NationalSyncAnswer = BatchAnswer;
export const NationalSyncQuery = z.object({ maHoSo: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });
const SyncEntry = z.object({ maHoSo: z.string(), trangThai: z.number().nullable(), payload: z.record(z.string(), z.unknown()) });
const SentEntry = SyncEntry.extend({ id: z.number(), recordedAt: isoInstant, deliveredAt: isoInstant.nullable(), acknowledgedBy: z.string().nullable(), attempts: z.number(), lastError: z.string().nullable() });
export const NationalSyncView = z.object({
  role: z.enum(['local', 'national']),
  /** Local node: the sync log with each payload's acknowledgement. */
  sent: z.array(SentEntry),
  /** National node: what the installations synchronised. */
  received: z.array(SyncEntry.extend({ node: z.string(), syncId: z.number(), receivedAt: isoInstant })),
  /**
   * The whole log in figures, whatever `maHoSo` and `limit` say. Local node: payloads acknowledged,
   * pending (of those, failing: a push gave an error) and the oldest pending one; national node:
   * payloads held (`received`) from how many nodes.
   */
  summary: z.object({
    pending: z.number(),
    acknowledged: z.number(),
    failing: z.number(),
    oldestPending: SentEntry.nullable(),
    received: z.number(),
    nodes: z.number(),
  }),
});

const Digest = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
export const AuditAnchorBatch = z.object({
  ...NodeSigned,
  checkpoints: z
    .array(z.object({ seq: z.number().int().positive(), at: z.iso.datetime({ offset: true }), digest: Digest, prev: Digest.nullable() }))
    .min(1)
    .max(50),
});
export const AuditAnchorAnswer = BatchAnswer;
export const AuditAnchorQuery = z.object({ node: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(100) });
export const AuditAnchorView = z.object({
  role: z.enum(['local', 'national']),
  /** Local node: its latest checkpoints and whether the national node holds each. */
  sent: z.array(
    z.object({
      seq: z.number(),
      at: isoInstant,
      digest: z.string(),
      anchoredBy: z.string().nullable(),
      anchoredAt: isoInstant.nullable(),
      anchorAttempts: z.number(),
      anchorError: z.string().nullable(),
    }),
  ),
  /** National node: the installations' checkpoint digests it holds (`motcua audit verify --anchors` reads this answer). */
  anchors: z.array(z.object({ node: z.string(), seq: z.number(), at: isoInstant, digest: z.string(), prev: z.string().nullable(), receivedAt: isoInstant })),
  /** Local node: all its checkpoints, those the national node holds, those still waiting (zeros on a national node). */
  summary: z.object({ total: z.number(), anchored: z.number(), pending: z.number() }),
});
