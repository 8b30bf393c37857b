import type { ApologyLetterData, RefusalNoticeData, SupplementNoticeData } from './documents.types.ts';

export async function renderSupplementNotice(_data: SupplementNoticeData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
export async function renderRefusalNotice(_data: RefusalNoticeData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
export async function renderApologyLetter(_data: ApologyLetterData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
