import type { ControlSlipData } from './documents.types.ts';

export async function renderControlSlip(_data: ControlSlipData): Promise<Buffer> {
  throw new Error('documents module not built yet');
}
