import type { ReceiptData } from './documents.types.ts';

export async function renderReceipt(_data: ReceiptData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
