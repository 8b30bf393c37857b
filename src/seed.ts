import type { AppContext } from './http/context.ts';
import { seedCalendar } from '#modules/calendar/index.ts';
import { seedCatalog } from '#modules/catalog/index.ts';
import { seedIdentity } from '#modules/identity/index.ts';
import { seedPlaces } from '#modules/places/index.ts';
import { seedSignatures } from '#modules/signatures/index.ts';

/**
 * Loads the national registers (places, agencies, calendar, catalogue) and the accounts.
 * Safe to run on every start: each step does nothing when its data is already there.
 */
export async function seed(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  await seedPlaces(ctx);
  await seedCalendar(ctx);
  await seedCatalog(ctx);
  await seedIdentity(ctx, options);
  await seedSignatures(ctx, options);
}
