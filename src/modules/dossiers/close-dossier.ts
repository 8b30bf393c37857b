import { validationFailed } from '#platform/errors.ts';
import { getFile } from '#modules/files/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';
import { DossierErrors } from './dossiers.errors.ts';
import { attempt } from './dossiers.repository.ts';

/** Từ chối tiếp nhận (Mẫu 03): refused at intake, with reasons. */
export const rejectDossier: ActionHandler<'reject'> = async ({ input }) => ({
  data: { reason: input.reason },
  closeSteps: true,
});

/** Dừng xử lý (status 8): refusal after appraisal must be issued before the due time. */
export const stopDossier: ActionHandler<'stop'> = async ({ dossier, now, input }) => {
  if (dossier.dueAt && now.getTime() > dossier.dueAt.getTime()) throw DossierErrors.DEADLINE_PASSED();
  return { data: { reason: input.reason }, closeSteps: true };
};

/** Công dân rút hồ sơ (status 7): no further processing. */
export const withdrawDossier: ActionHandler<'withdraw'> = async ({ input }) => ({
  data: { reason: input.reason ?? null },
  closeSteps: true,
});

/** Phê duyệt: the result is ready and goes back to the desk for return (status 9). */
export const approveDossier: ActionHandler<'approve'> = async ({ tx, actor, dossier, now, input }) => {
  if (input.resultFileId && !(await fileExists(tx, input.resultFileId))) {
    throw validationFailed([{ field: 'resultFileId', message: 'tệp kết quả không tồn tại' }]);
  }
  return {
    data: { note: input.note ?? null, resultFileId: input.resultFileId ?? null },
    openStep: (state) => ({
      fromAgency: dossier.currentAgency,
      fromUser: actor.id,
      toAgency: dossier.receivingAgency,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: state.dueAt,
      note: 'chuyển kết quả về Bộ phận Một cửa',
    }),
  };
};

/** Trả kết quả (status 10). */
export const returnResult: ActionHandler<'return_result'> = async () => ({ data: {}, closeSteps: true });

async function fileExists(tx: Parameters<typeof getFile>[0], fileId: string): Promise<boolean> {
  return !!(await attempt(tx, () => getFile(tx, fileId)));
}
