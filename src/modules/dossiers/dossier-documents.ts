import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import { type Actor, holds } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { deadlineOf, getProcedureVersion } from '#modules/catalog/index.ts';
import {
  renderApologyLetter,
  renderControlSlip,
  renderReceipt,
  renderRefusalNotice,
  renderSubmissionReceipt,
  renderSupplementNotice,
  signerTitleFor,
} from '#modules/documents/index.ts';
import { findUserById } from '#modules/identity/index.ts';
import { findAgency, fullAddress, placeNameOf } from '#modules/places/index.ts';
import { readDossier } from './read-dossier.ts';
import { postalAddressOf, registerBookEntry, returnMethodOf } from './register-book.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import { lastOf } from './action-data.ts';
import { namedComponents, supplementProgress } from './supplement-state.ts';


/**
 * The forms of TT 01/2018 for one dossier, built from its log and rendered by the documents
 * module: Mẫu 01 receipt, Mẫu 02 supplement notice, Mẫu 03 refusal, Mẫu 04 apology letter,
 * Mẫu 05 control slip. Each download by an officer is an access-logged read.
 */
export const DOSSIER_FORMS = ['receipt', 'supplement-notice', 'refusal-notice', 'apology-letter', 'control-slip', 'submission-receipt'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const iso = (d: Date | null) => (d ? toLocalIso(d) : null);


export async function renderDossierForm(
  tx: Sql,
  ctx: AppContext,
  input: { actor: Actor; id: string; form: DossierForm; now: Date },
): Promise<Buffer> {
  const dossier = await readDossier(tx, { actor: input.actor, id: input.id, what: `document:${input.form}`, now: input.now });
  const procedure = await getProcedureVersion(tx, dossier.procedureVersionId);
  const log = await repo.listActions(tx, dossier.id);
  const receiving = await findAgency(tx, dossier.receivingAgency);
  const received = lastOf(log, 'receive');
  const common = {
    code: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureName: procedure.name,
    agencyName: receiving?.name ?? dossier.receivingAgency,
    // the full address: detail, commune, province
    applicant: { ...dossier.applicant, address: { ...dossier.applicant.address, detail: await fullAddress(tx, dossier.applicant.address) } },
    receivedAt: iso(dossier.receivedAt),
    dueAt: iso(dossier.dueAt),
    issuedAt: toLocalIso(input.now),
    placeName: await placeNameOf(tx, receiving),
  };
  const unavailable = () => DossierErrors.DOCUMENT_NOT_AVAILABLE();

  switch (input.form) {
    case 'submission-receipt': {
      // Giấy xác nhận đã nộp trực tuyến: from the moment of submission, by its reference.
      if (!dossier.reference || dossier.channel !== 'online') throw unavailable();
      const documents = await repo.listDocuments(tx, dossier.id);
      return renderSubmissionReceipt({
        issuedAt: toLocalIso(input.now),
        submittedAt: toLocalIso(dossier.submittedAt),
        reference: dossier.reference,
        agencyName: common.agencyName,
        procedureCode: dossier.procedureCode,
        procedureName: procedure.name,
        applicant: dossier.applicant,
        documents: procedure.components.map((c) => ({ code: c.code, name: c.name, provided: documents.some((d) => d.componentCode === c.code) })),
        trackingUrl: `${publicUrl(ctx.config)}/tra-cuu/${encodeURIComponent(dossier.reference)}`,
      });
    }
    case 'receipt': {
      if (!dossier.code || !received) throw unavailable();
      const documents = await repo.listDocuments(tx, dossier.id);
      const entry = await registerBookEntry(tx, dossier);
      // (imported on use: payments imports this module)
      const { quoteFee } = await import('#modules/payments/index.ts');
      // the fee the desk recorded (per page × copies for chứng thực), else the procedure's quote
      const fee = dossier.intake?.fee ?? (procedure.fees.length > 0 ? quoteFee(procedure.fees, { channel: dossier.channel }) : null);
      return renderReceipt({
        ...common,
        code: dossier.code,
        officerName: received.actorName ?? '',
        deadline: deadlineOf(procedure),
        // Papers ticked at the counter: as received, with the originals and copies counted there.
        components: procedure.components.map((c) => {
          const paper = dossier.intake?.paper.find((p) => p.componentCode === c.code);
          return {
            code: c.code,
            name: c.name,
            original: paper?.originals ?? c.original,
            copy: paper?.copies ?? c.copy,
            required: c.required,
            provided: !!paper || documents.some((d) => d.componentCode === c.code),
          };
        }),
        placeOfReturn: receiving?.name ?? dossier.receivingAgency,
        returnMethod: returnMethodOf(dossier),
        // by post: the address typed at the counter, else the applicant's full address
        returnAddress: await postalAddressOf(tx, dossier),
        fee,
        ledgerVolume: entry ? String(entry.volume) : null,
        ledgerNumber: entry?.number ?? null,
        trackingUrl: `${publicUrl(ctx.config)}/tra-cuu/${encodeURIComponent(dossier.code)}`,
      });
    }
    case 'supplement-notice': {
      const request = lastOf(log, 'request_supplement');
      if (!request) throw unavailable();
      const wanted = new Set(request.data.components);
      const appraisal = request.data.phase === 'appraisal';
      // after a partial answer: what has arrived since the notice and what is still missing
      const answers = log.filter((a) => a.action === 'submit_supplement' && a.seq > request.seq);
      const documents = answers.length > 0 ? await repo.listDocuments(tx, dossier.id) : [];
      const named = (codes: string[]) => namedComponents(procedure, codes);
      const progress =
        answers.length > 0
          ? (() => {
              const { missing } = supplementProgress(
                procedure,
                request,
                documents,
                (dossier.intake?.paper ?? []).map((p) => p.componentCode),
              );
              const arrived = new Set(documents.filter((d) => d.actionSeq > request.seq).map((d) => d.componentCode));
              return {
                at: toLocalIso(answers.at(-1)!.at),
                received: named(procedure.components.map((c) => c.code).filter((c) => arrived.has(c))),
                missing: named(missing),
              };
            })()
          : null;
      return renderSupplementNotice({
        ...common,
        reason: request.data.reason,
        items: procedure.components.filter((c) => wanted.has(c.code)).map((c) => ({ code: c.code, name: c.name })),
        officerName: request.actorName ?? '',
        requestedAt: toLocalIso(request.at),
        phase: appraisal ? 'appraisal' : 'intake',
        requestingAgencyName: request.actorAgency ? ((await findAgency(tx, request.actorAgency))?.name ?? request.actorAgency) : null,
        // issued through the Bộ phận Một cửa (NĐ 61 Art. 19.4): the desk officer printing it, else the one who received the dossier
        deskOfficerName: appraisal ? (holds(input.actor, 'desk_officer', dossier.receivingAgency) ? input.actor.fullName : (received?.actorName ?? null)) : null,
        progress,
      });
    }
    case 'refusal-notice': {
      const refusal = lastOf(log, 'reject', 'stop');
      if (!refusal) throw unavailable();
      return renderRefusalNotice({
        ...common,
        reason: refusal.data.reason,
        officerName: refusal.actorName ?? '',
        refusedAt: toLocalIso(refusal.at),
        legalBasis: procedure.legalBasis,
      });
    }
    case 'apology-letter': {
      const extension = lastOf(log, 'extend');
      if (!extension?.data.previousDueAt) throw unavailable();
      return renderApologyLetter({
        ...common,
        // dated the day it was sent, whenever it is printed again
        issuedAt: toLocalIso(extension.at),
        late: extension.data.lateApology ? { sentAt: toLocalIso(extension.at), overdue: extension.data.overdue } : null,
        reason: extension.data.reason,
        previousDueAt: toLocalIso(new Date(extension.data.previousDueAt)),
        newDueAt: toLocalIso(new Date(extension.data.dueAt)),
        signerName: extension.actorName ?? '',
        signerTitle: signerTitleFor(await findAgency(tx, extension.actorAgency ?? dossier.currentAgency)),
      });
    }
    case 'control-slip': {
      if (!dossier.code) throw unavailable();
      const steps = await stepRepo.listSteps(tx, dossier.id);
      const names = new Map<string, string>();
      const nameOf = async (code: string) => {
        if (!names.has(code)) names.set(code, (await findAgency(tx, code))?.name ?? code);
        return names.get(code)!;
      };
      const actors = new Map(log.filter((a) => a.actorId).map((a) => [a.actorId!, a.actorName ?? '']));
      for (const s of steps) if (s.toUser && !actors.has(s.toUser)) actors.set(s.toUser, (await findUserById(tx, s.toUser))?.fullName ?? '');
      const rows = [];
      for (const s of steps) {
        rows.push({
          fromAgency: await nameOf(s.fromAgency),
          fromUser: s.fromUser ? (actors.get(s.fromUser) ?? '') : '',
          toAgency: await nameOf(s.toAgency),
          toUser: s.toUser ? (actors.get(s.toUser) ?? '') : '',
          sentAt: toLocalIso(s.sentAt),
          acceptedAt: iso(s.acceptedAt),
          subDueAt: iso(s.subDueAt),
          finishedAt: iso(s.finishedAt),
          outcome: s.outcome,
          note: s.note ?? '',
        });
      }
      return renderControlSlip({ ...common, code: dossier.code, steps: rows });
    }
  }
}
