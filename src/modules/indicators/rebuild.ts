import type { Db } from '#platform/db.ts';
import { lockProjection } from '#platform/projections.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { factOf, stepFactOf } from './facts.ts';
import { indicatorsRepository as repo } from './indicators.repository.ts';

const PAGE = 5000;

/**
 * `motcua indicators rebuild`: the read model recomputed from the dossiers (the cached
 * reduction of each dossier's action log), in one transaction: facts page by page, then the
 * aggregates in one SQL statement. Returns how many dossiers and steps it read.
 */
export async function rebuildIndicators(db: Db, onProgress?: (dossiers: number) => void): Promise<{ dossiers: number; steps: number }> {
  return db.transaction(async (tx) => {
    // no batch of the projection runs meanwhile; what stays queued is projected after (a zero difference if the rebuild saw it)
    await lockProjection(tx, 'indicators');
    await repo.clearAll(tx);
    const cal = await loadCalendar(tx);
    let dossiers = 0;
    for (let after = ''; ; ) {
      const page = await repo.dossierSourcePage(tx, after, PAGE);
      if (page.length === 0) break;
      await repo.upsertFacts(tx, page.map((s) => factOf(s, cal)));
      dossiers += page.length;
      after = page[page.length - 1].id;
      onProgress?.(dossiers);
    }
    let steps = 0;
    for (let after: [string, number] = ['', 0]; ; ) {
      const page = await repo.stepSourcesAll(tx, after, PAGE);
      if (page.length === 0) break;
      await repo.insertStepFacts(tx, page.map(stepFactOf));
      steps += page.length;
      after = [page[page.length - 1].dossierId, page[page.length - 1].seq];
    }
    await repo.rebuildDaily(tx);
    await repo.rebuildTotals(tx);
    await repo.rebuildOpenDue(tx);
    return { dossiers, steps };
  });
}
