import { errors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { sendUploadedFile } from '../../http/content-disposition.ts';
import { streamLive } from '#platform/live.ts';
import { agencyOverview } from './agency-overview.ts';
import { bulkAssign } from './bulk-assign.ts';
import { findApplicant } from './find-applicant.ts';
import { listAssignees } from './list-assignees.ts';
import { listDossiers } from './list-dossiers.ts';
import { readAttachment } from './read-attachment.ts';
import { stepOptions } from './step-options.ts';
import { agencyLiveTopic } from './watch-agency.ts';
import { receptionPreview } from './reception-preview.ts';
import {
  AgencyOverview,
  AgencyParams,
  ApplicantFound,
  ApplicantParams,
  ApplicantQuery,
  AttachmentParams,
  attachmentFile,
  BulkAssignBody,
  BulkAssignResult,
  DossierIdParams,
  QueuePage,
  QueueQuery,
  ReceptionPreview,
  ReceptionPreviewQuery,
  SpecialistList,
  StepOptionList,
} from './dossiers.contract.ts';

/** The officer workspace: queues, an agency's overview, a dossier's attachments. */
export const workspaceRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['dossiers'], security: bearer });

  route.get(
    '/api/v1/dossiers',
    { description: 'Hàng đợi hồ sơ của cán bộ / an officer’s dossier queues', querystring: QueueQuery, response: { 200: QueuePage, ...signedInErrors } },
    route.inTransaction(({ req, actor, now, tx }) => listDossiers(tx, { actor, query: req.query, now })),
  );

  route.get(
    '/api/v1/reception/preview',
    {
      description: 'Cơ quan sẽ giữ hồ sơ và lý do, trước khi tiếp nhận / which agency will hold the dossier and why, before reception',
      querystring: ReceptionPreviewQuery,
      response: { 200: ReceptionPreview, ...signedInErrors },
    },
    route.inTransaction(({ req, actor, now, tx }) => receptionPreview(tx, { actor, query: req.query, now })),
  );

  route.get(
    '/api/v1/agencies/:code/overview',
    { description: 'Tổng quan hồ sơ của cơ quan / an agency’s overview', params: AgencyParams, response: { 200: AgencyOverview, ...signedInErrors } },
    route.inTransaction(({ req, actor, now, tx }) => agencyOverview(tx, { actor, code: req.params.code, now })),
  );

  // Server-sent events (platform/live.ts): `{ dossierId, status, action }` after every transition
  // of a dossier the agency holds, for its officers (404 for anyone else). Hidden from the
  // OpenAPI document, like the dossier's stream: a stream has no end for the contract fuzz.
  route.get(
    '/api/v1/agencies/:code/live',
    { hide: true, description: 'Cập nhật trực tiếp hàng đợi của cơ quan (SSE) / live updates of an agency’s queues', params: AgencyParams },
    async (req, reply) => streamLive(req, reply, [agencyLiveTopic(requireActor(req), req.params.code)]),
  );

  route.get(
    '/api/v1/dossiers/:id/files/:fileId',
    { description: 'Xem giấy tờ của hồ sơ / an attachment of a dossier', params: AttachmentParams, response: { 200: attachmentFile, ...signedInErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const file = await ctx.db.transaction((tx) => readAttachment(tx, ctx, { actor, ...req.params, now }));
      return sendUploadedFile(reply, file); // uploaded by applicants: always a download
    }),
  );

  route.get(
    '/api/v1/agencies/:code/specialists',
    { description: 'Chuyên viên có thể phân công / specialists to assign', params: AgencyParams, response: { 200: SpecialistList, ...signedInErrors } },
    route.inTransaction(({ req, actor, tx }) => listAssignees(tx, { actor, code: req.params.code })),
  );

  route.get(
    '/api/v1/dossiers/:id/step-options',
    {
      description: 'Các bước liên thông sắp mở và cơ quan có thể thực hiện / the next inter-agency steps and the agencies that may work them',
      params: DossierIdParams,
      response: { 200: StepOptionList, ...signedInErrors },
    },
    route.inTransaction(({ req, actor, tx }) => stepOptions(tx, { actor, id: req.params.id })),
  );

  route.get(
    '/api/v1/applicants/:idNumber',
    {
      description: 'Người nộp đã nộp hồ sơ tại quầy của cơ quan (theo số định danh) / a returning applicant of the desk’s agency',
      params: ApplicantParams,
      querystring: ApplicantQuery,
      response: { 200: ApplicantFound, ...signedInErrors },
    },
    route.inTransaction(({ req, actor, now, tx }) => findApplicant(tx, { actor, idNumber: req.params.idNumber, agency: req.query.agency, now })),
  );

  route.post(
    '/api/v1/dossiers/bulk-assign',
    { description: 'Phân công hàng loạt / assign several dossiers to one specialist', body: BulkAssignBody, response: { 200: BulkAssignResult, ...errors(401, 403) } },
    route.signedIn(({ req, actor }) => bulkAssign(ctx, { actor, ids: req.body.ids, assignee: req.body.assignee, locale: req.locale })),
  );
};
