import { moduleEnvelopeTypes } from './module-envelope-handlers.ts';

/** The axis's own envelopes for a dossier step between installations (federated-step.ts). */
export const STEP_TYPE = 'Hồ sơ liên thông';
export const RESULT_TYPE = 'Kết quả bước liên thông';
export const UPDATE_TYPE = 'Cập nhật hồ sơ liên thông';

/**
 * Document types (TypeName) the axis uses for its own envelopes: dossier steps and other modules'
 * values (module-envelopes.ts). They are not official documents: kept out of the registers, and a
 * clerk may not give one of these names to a document (it would vanish from the registers).
 */
export const axisDocumentTypes = (): string[] => [STEP_TYPE, RESULT_TYPE, UPDATE_TYPE, ...moduleEnvelopeTypes()];

/** Whether a clerk's document type is one of the axis's own (compared without regard to case). */
export const isAxisDocumentType = (type: string): boolean => {
  const wanted = type.normalize('NFC').trim().toLocaleLowerCase('vi');
  return axisDocumentTypes().some((t) => t.toLocaleLowerCase('vi') === wanted);
};
