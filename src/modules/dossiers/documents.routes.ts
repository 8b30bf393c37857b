import { errors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { bearer, routeKit } from '../../http/route-kit.ts';
import { findResultPdf } from '#modules/signatures/index.ts';
import { DOSSIER_FORMS, renderDossierForm } from './dossier-documents.ts';
import { readRegisterBook, renderLedger } from './register-book.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { DossierIdParams, formPdf, LedgerParams, LedgerQuery, RegisterBookAnswer } from './dossiers.contract.ts';
import { readDossier } from './read-dossier.ts';
import { may } from './policy.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The forms of a dossier as PDF (Mẫu 01–05) and an agency's ledger (Mẫu 06). */
export const dossierDocumentRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['dossiers'], security: bearer });

  for (const form of DOSSIER_FORMS) {
    route.get(
      `/api/v1/dossiers/:id/documents/${form}.pdf`,
      { description: `Biểu mẫu ${form} / the ${form} form`, params: DossierIdParams, response: { 200: formPdf, ...signedInErrors, ...errors(409) } },
      route.signedIn(async ({ req, reply, actor, now }) => {
        const pdf = await ctx.db.transaction((tx) => renderDossierForm(tx, ctx, { actor, id: req.params.id, form, now }));
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${form}.pdf"`).send(pdf as never); // bytes: Fastify sends a Buffer as is, past the serialiser
      }),
    );
  }

  route.get(
    '/api/v1/dossiers/:id/result.pdf',
    {
      description: 'Kết quả giải quyết đã ký số / the signed result (applicant and involved officers)',
      params: DossierIdParams,
      response: { 200: formPdf, ...signedInErrors, ...errors(409) },
    },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const result = await ctx.db.transaction(async (tx) => {
        const dossier = await readDossier(tx, { actor, id: req.params.id, what: 'document:result', now });
        // approved but not yet issued by the clerk: nothing signed to hand out yet
        if (dossier.awaitingIssueBy) throw DossierErrors.RESULT_NOT_ISSUED();
        return findResultPdf(ctx, tx, dossier.id);
      });
      if (!result) throw DossierErrors.DOCUMENT_NOT_AVAILABLE();
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="ket-qua-${result.resultId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .header('x-result-id', result.resultId)
        .send(result.bytes as never);
    }),
  );

  route.get(
    '/api/v1/agencies/:code/ledger',
    {
      description: 'Sổ theo dõi hồ sơ (Mẫu 06): PDF, Excel hoặc JSON (màn hình) / the register book',
      params: LedgerParams,
      querystring: LedgerQuery,
      response: { 200: RegisterBookAnswer, ...signedInErrors },
    },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const { code } = req.params;
      if (!may.readRegisterBook(actor, code)) throw DossierErrors.LEDGER_NOT_ALLOWED();
      if (req.query.format === 'json') return ctx.db.transaction((tx) => readRegisterBook(tx, { agencyCode: code, ...req.query, now }));
      const format = req.query.format;
      const file = await ctx.db.transaction((tx) => renderLedger(tx, { agencyCode: code, ...req.query, format, now }));
      const xlsx = format === 'xlsx';
      return reply
        .type(xlsx ? XLSX : 'application/pdf')
        .header('content-disposition', `attachment; filename="so-theo-doi-${code}-${req.query.from}.${req.query.format}"`)
        .send(file as never);
    }),
  );
};
