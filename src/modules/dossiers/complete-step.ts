import { toLocalIso } from '#platform/clock.ts';
import { CommonErrors, validationFailed } from '#platform/errors.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { isOwnFile } from './check-documents.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as stepRepo from './steps.repository.ts';
import type { NewStep, Step } from './dossiers.types.ts';
import { openSteps, readySteps } from './interagency-graph.ts';
import { timeliness } from './timeliness.ts';
import { stepAgencies } from './policy.ts';

/** Component code under which a step's partial-result file joins the dossier's documents. */
const stepResultComponent = (step: number) => `KQ_BUOC_${step}`;

/**
 * Hoàn thành bước liên thông: a specialist or leader of the agency working a step records its
 * partial result (note, optional file) — the step is judged on time or late against its own
 * sub-deadline. The steps depending on it whose other prerequisites are done open next; when
 * every step of the version is done the dossier returns to the lead agency, which approves.
 * A step is completed once: again → 409 STEP_ALREADY_COMPLETED; a step held by another agency → 403.
 */
export const completeStep: ActionHandler<'complete_step'> = async ({ tx, actor, dossier, procedure, now, input }) => {
  const mine = new Set(stepAgencies(actor));
  const rows = (await stepRepo.listSteps(tx, dossier.id)).filter((s) => s.stepSeq != null);
  const held = rows.filter((s) => mine.has(s.toAgency));
  let target: Step | undefined;
  if (input.step != null) {
    target = rows.find((s) => s.stepSeq === input.step);
    if (!target) throw DossierErrors.STEP_NOT_OPEN({ step: input.step });
    if (!mine.has(target.toAgency)) throw CommonErrors.FORBIDDEN();
  } else {
    const open = held.filter((s) => !s.finishedAt);
    if (open.length > 1) throw validationFailed([{ field: 'step', message: `cơ quan đang giữ nhiều bước (${open.map((s) => s.stepSeq).join(', ')}): chọn một bước` }]);
    target = open[0] ?? held.at(-1);
  }
  if (!target) throw DossierErrors.STEP_NOT_OPEN();
  const step = target.stepSeq as number;
  if (target.finishedAt) {
    throw DossierErrors.STEP_ALREADY_COMPLETED({ step }, { step, finishedAt: toLocalIso(target.finishedAt) });
  }
  if (input.resultFileId && !(await isOwnFile(tx, input.resultFileId, actor))) {
    throw validationFailed([{ field: 'resultFileId', message: 'tệp không tồn tại hoặc không do bạn tải lên' }]);
  }

  const steps = procedure.interagencySteps;
  const done = new Set(rows.filter((s) => s.finishedAt).map((s) => s.stepSeq as number));
  done.add(step);
  const opened = new Set(rows.map((s) => s.stepSeq as number));
  // A federated copy (the dossier is led by another installation): the lead node opens what follows.
  const next = await openSteps(tx, {
    dossier,
    ready: dossier.leadNode ? [] : readySteps(steps, done, opened),
    choices: input.agencies,
    from: target.toAgency,
    actor,
    now,
  });
  const stillOpen = rows.some((s) => !s.finishedAt && s.stepSeq !== step) || next.rows.length > 0;
  const allDone = !dossier.leadNode && !stillOpen && steps.every((s) => done.has(s.seq));
  const outcome = timeliness({ dueAt: target.subDueAt, finishedAt: now, now });
  // Back to the lead for its decision: a hand-over of its own on Mẫu 05 (closed when it approves).
  const back: NewStep[] =
    allDone && target.toAgency !== dossier.competentAgency
      ? [
          {
            fromAgency: target.toAgency,
            fromUser: actor.id,
            toAgency: dossier.competentAgency,
            toUser: null,
            sentAt: now,
            acceptedAt: null,
            subDueAt: dossier.dueAt,
            note: 'Hoàn thành các bước liên thông: trình cơ quan chủ trì quyết định',
          },
        ]
      : [];
  return {
    data: {
      step,
      agency: target.toAgency,
      note: input.note,
      resultFileId: input.resultFileId ?? null,
      outcome,
      opened: next.opened.map((o) => ({ ...o, subDueAt: o.subDueAt?.toISOString() ?? null })),
      allDone,
    },
    documents: input.resultFileId ? [{ componentCode: stepResultComponent(step), fileId: input.resultFileId }] : undefined,
    graph: {
      finish: { step, by: actor.id, resultNote: input.note, resultFileId: input.resultFileId ?? null },
      open: [...next.rows, ...back],
    },
  };
};
