import type { LedgerData } from './documents.types.ts';

export async function renderLedgerPdf(_data: LedgerData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
export async function renderLedgerXlsx(_data: LedgerData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
