import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '#platform/actor.ts';
import { sealAudit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { eventsWritten } from '#platform/events.ts';
import { AppError, validationFailed } from '#platform/errors.ts';
import { assertOnlineSubmission, getProcedureVersionInForce, type ProcedureVersion, quoteFee } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { checkDocuments, isOwnFile } from './check-documents.ts';
import { newSubmissionReference } from './dossier-code.ts';
import { transitionEvents } from './dossier-events.ts';
import { checkFieldDates } from './form-dates.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import type { Intake } from './dossiers.types.ts';
import type { CounterIntake, SubmitDossierBody } from './dossiers.contract.ts';
import { applyToState, type ActionRecord } from './reducer.ts';
import { returnMethodOf } from './register-book.ts';
import { routeDossier } from './route-dossier.ts';
import { may } from './policy.ts';

/**
 * Submission (nộp hồ sơ): a citizen online, or a desk officer at the counter (direct or postal).
 * Freezes the procedure version in force, routes the dossier to its competent agency and
 * writes the first entry of the log, with its events, in one statement. Status SUBMITTED, no code and no clock yet. Answers the
 * dossier's detail as written (the submission's answer is not read back).
 */
export async function submitDossier(
  tx: Sql,
  input: { actor: Actor; body: SubmitDossierBody; now: Date },
): Promise<repo.DossierDetail> {
  const { actor, body, now } = input;
  const procedure = await procedureInForce(tx, body.procedureCode, now);
  const receiving = await findAgency(tx, body.receivingAgency);
  if (!receiving) throw validationFailed([{ field: 'receivingAgency', message: 'cơ quan tiếp nhận không tồn tại' }]);

  const asDesk = may.submitAtDesk(actor, receiving.code);
  const asCitizen = may.submitOnline(actor);
  if (!asDesk && !asCitizen) throw DossierErrors.SUBMISSION_NOT_ALLOWED();
  if (!asDesk && body.channel !== 'online') {
    throw validationFailed([{ field: 'channel', message: 'công dân nộp hồ sơ trực tuyến (online)' }]);
  }
  if (asDesk && !asCitizen && body.channel === 'online') {
    throw validationFailed([{ field: 'channel', message: 'tại quầy chỉ nhận hồ sơ trực tiếp (direct) hoặc qua bưu chính (postal)' }]);
  }
  // Online only where the catalogue offers it and a deadline can be counted (issue 12 item 3).
  if (body.channel === 'online') assertOnlineSubmission(procedure);

  if (!procedure.receivingAgencyKinds.includes(receiving.kind)) {
    throw validationFailed([{ field: 'receivingAgency', message: 'cơ quan này không tiếp nhận thủ tục này' }]);
  }
  const competent = (await routeDossier(tx, procedure, receiving, body.applicant.address.communeCode))?.competent;
  if (!competent) {
    throw validationFailed([{ field: 'receivingAgency', message: 'không xác định được cơ quan có thẩm quyền giải quyết' }]);
  }
  checkFields(procedure, body.fields);
  checkFieldDates(procedure.formSchema, body.fields, now);
  await checkDocuments(tx, procedure, actor, body.documents);
  const representative = body.channel === 'online' ? await onlineRepresentative(tx, actor, body) : null;
  const documents = representative
    ? [...body.documents, { componentCode: AUTHORISATION_COMPONENT, fileId: representative.authorisationFileId }]
    : body.documents;
  if (body.intake && body.channel === 'online') {
    throw validationFailed([{ field: 'intake', message: 'chỉ Bộ phận Một cửa ghi nhận giấy tờ bản giấy, phí và cách trả kết quả tại quầy' }]);
  }
  const intake = body.intake && body.channel !== 'online' ? counterIntake(procedure, body.channel, body.intake, body.applicant) : null;

  const id = randomUUID();
  const reference = newSubmissionReference();
  const record: ActionRecord = {
    seq: 1,
    action: 'submit',
    at: now,
    actorId: actor.id,
    actorName: actor.fullName,
    actorAgency: asDesk ? receiving.code : null,
    data: {
      receivingAgency: receiving.code,
      competentAgency: competent.code,
      procedureVersionId: procedure.id,
      channel: body.channel,
      ...(representative ? { representative } : {}),
      ...(intake ? { intake } : {}),
    },
  };
  const state = applyToState(null, record);
  // the first row of the dossier's audit chain, written with the dossier (a chain born with it: no head to read)
  const audit = sealAudit(
    { chain: `dossier:${id}`, actorId: actor.id, action: 'dossier.submit', subjectType: 'dossier', subjectId: id, data: { ...record.data, documents }, at: now },
    null,
  );
  const events = await transitionEvents(tx, {
    dossierId: id,
    procedureCode: procedure.procedureCode,
    procedureVersionId: procedure.id,
    procedureName: procedure.name,
    applicant: body.applicant,
    applicantUserId: asDesk && body.channel !== 'online' ? null : actor.id,
    state,
    action: 'submit',
    at: now,
    actorName: actor.fullName,
    actorAgency: record.actorAgency,
    reference,
    returnMethod: returnMethodOf({ fields: body.fields, intake }),
  });
  const detail = await repo.insertDossier(tx, {
    id,
    procedureCode: procedure.procedureCode,
    procedureVersionId: procedure.id,
    channel: body.channel,
    applicant: body.applicant,
    owner: body.owner ?? body.applicant,
    applicantUserId: asDesk && body.channel !== 'online' ? null : actor.id,
    submittedBy: actor.id,
    provinceCode: receiving.provinceCode,
    receivingAgency: receiving.code,
    competentAgency: competent.code,
    reference,
    fields: body.fields,
    intake,
    at: now,
  }, { record, state, documents, audit, events });
  await eventsWritten(tx, events.events);
  return detail;
}

/** The component code under which a representative's authorisation document is kept. */
const AUTHORISATION_COMPONENT = 'VAN_BAN_UY_QUYEN';

/**
 * Online, the applicant is the signed-in citizen (same identity number), or someone that citizen
 * represents with an authorisation document they uploaded: never an arbitrary identity number
 * (issue 13, D8). Returns the declared representative, or null when the citizen files for themself.
 */
async function onlineRepresentative(tx: Sql, actor: Actor, body: SubmitDossierBody) {
  if (actor.idNumber && actor.idNumber === body.applicant.idNumber) return null;
  if (!body.representation) throw DossierErrors.APPLICANT_NOT_SELF();
  const fileId = body.representation.authorisationFileId;
  if (!(await isOwnFile(tx, fileId, actor))) {
    throw validationFailed([{ field: 'representation.authorisationFileId', message: 'tệp không tồn tại hoặc không do bạn tải lên' }]);
  }
  return { userId: actor.id, fullName: actor.fullName, idNumber: actor.idNumber, authorisationFileId: fileId };
}

async function procedureInForce(tx: Sql, code: string, now: Date): Promise<ProcedureVersion> {
  try {
    return await getProcedureVersionInForce(tx, code, now);
  } catch (error) {
    if (error instanceof AppError && error.spec.status === 404) {
      throw validationFailed([{ field: 'procedureCode', message: 'thủ tục không tồn tại hoặc không còn hiệu lực' }]);
    }
    throw error;
  }
}

/**
 * The counter's record: paper components of the version (each once), the fee the version's rules
 * give for the channel and the pages/copies counted (computed here, never taken from the browser),
 * and how the result goes back (by post: to the address given, else the applicant's).
 */
function counterIntake(
  procedure: ProcedureVersion,
  channel: 'direct' | 'postal',
  intake: CounterIntake,
  applicant: SubmitDossierBody['applicant'],
): Intake {
  const codes = new Set(procedure.components.map((c) => c.code));
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const [i, p] of intake.paper.entries()) {
    if (!codes.has(p.componentCode)) problems.push({ field: `intake.paper.${i}.componentCode`, message: `thành phần ${p.componentCode} không có trong thủ tục` });
    else if (seen.has(p.componentCode)) problems.push({ field: `intake.paper.${i}.componentCode`, message: `thành phần ${p.componentCode} đã ghi nhận` });
    else if (p.originals + p.copies === 0) problems.push({ field: `intake.paper.${i}.originals`, message: 'số bản chính và bản sao không thể cùng bằng 0' });
    seen.add(p.componentCode);
  }
  if (problems.length > 0) throw validationFailed(problems);
  const quote = quoteFee(procedure.fees, { channel, pages: intake.pages, copies: intake.copies });
  return {
    paper: intake.paper.map((p) => ({ componentCode: p.componentCode, originals: p.originals, copies: p.copies })),
    fee: {
      pages: intake.pages ?? null,
      copies: intake.copies ?? null,
      totalVnd: quote.totalVnd,
      complete: quote.complete,
      lines: quote.lines.map((l) => ({ label: l.label, amountVnd: l.amountVnd })),
    },
    returnMethod: intake.returnMethod,
    returnAddress:
      intake.returnMethod === 'buu_chinh' ? (intake.returnAddress?.normalize('NFC') || applicant.address.detail) : null,
  };
}

/** What a failed check of a procedure field says, in Vietnamese (never the validator's own words). */
function fieldMessage(issue: z.core.$ZodIssue, title: string | undefined): string {
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string; input?: unknown };
  const what = (() => {
    switch (i.code) {
      case 'invalid_type':
        return i.input === undefined ? 'chưa nhập' : 'sai kiểu dữ liệu';
      case 'too_small':
        return i.origin === 'string' ? `cần ít nhất ${i.minimum} ký tự` : `không được nhỏ hơn ${i.minimum}`;
      case 'too_big':
        return i.origin === 'string' ? `nhiều nhất ${i.maximum} ký tự` : `không được lớn hơn ${i.maximum}`;
      case 'invalid_format':
        return i.format === 'date' ? 'ngày không hợp lệ (năm-tháng-ngày)' : 'không đúng định dạng';
      case 'invalid_value':
        return 'giá trị không thuộc danh sách được chọn';
      case 'unrecognized_keys':
        return 'có trường không thuộc tờ khai';
      default:
        return 'giá trị không hợp lệ';
    }
  })();
  return title ? `${title}: ${what}` : what;
}

/**
 * Validators built from form schemas, by the schema object: a version's schema never changes, and
 * the catalogue's process cache hands out the same object while it keeps the version, so one is
 * built per version and process (0.19 ms each time for a 4-field form, 0.001 ms to reuse), and
 * goes when the cache lets the version go. Null: a schema that cannot be read.
 */
const validators = new WeakMap<object, z.ZodType | null>();

function formValidator(formSchema: Record<string, unknown>): z.ZodType | null {
  let schema = validators.get(formSchema);
  if (schema === undefined) {
    try {
      schema = z.fromJSONSchema(formSchema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      schema = null; // an unreadable schema is the catalogue's problem, not the applicant's
    }
    validators.set(formSchema, schema);
  }
  return schema;
}

/** The procedure's own form fields against its JSON Schema (none needed when it has none). */
export function checkFields(procedure: ProcedureVersion, fields: Record<string, unknown>): void {
  if (!procedure.formSchema) return;
  const schema = formValidator(procedure.formSchema);
  if (!schema) return;
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const properties = (procedure.formSchema.properties ?? {}) as Record<string, { title?: unknown }>;
    throw validationFailed(
      parsed.error.issues.map((i) => {
        const name = i.path.length > 0 ? String(i.path[0]) : undefined;
        const title = name && typeof properties[name]?.title === 'string' ? (properties[name].title as string) : undefined;
        return { field: ['fields', ...i.path.map(String)].join('.'), message: fieldMessage(i, title) };
      }),
    );
  }
}
