import { z } from 'zod';

export const ResultIdParams = z.object({ resultId: z.string().min(1).max(100) });
export const RevokeResultBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export type RevokeResultBody = z.infer<typeof RevokeResultBody>;
