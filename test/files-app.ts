import { afterAll, beforeAll } from 'vitest';
import { actorApp, testActor } from '#test/actor-app.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import type { App } from '#platform/context.ts';
import { module } from '#modules/files/index.ts';

/** The upload limit of the files tests (MOTCUA_MAX_UPLOAD_BYTES): small, so that a test can cross it. */
export const LIMIT = 64 * 1024;
/** The two citizens who upload in the files tests. */
export const alice = testActor('user-alice', 'Nguyễn Thị Ánh Tuyết');
export const bob = testActor('user-bob', 'Trần Văn Bình');

/**
 * The files module's routes alone (`actorApp`: the caller is alice or bob, by `x-test-actor`) on a
 * test system whose upload limit is LIMIT, for a whole test file: handed to `ready` once started,
 * closed after the file's tests.
 */
export function filesAppPerFile(ready: (sys: TestSystem, app: App) => void | Promise<void>) {
  let sys: TestSystem | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    sys = await createTestSystem({ env: { MOTCUA_MAX_UPLOAD_BYTES: String(LIMIT) } });
    app = await actorApp(sys.ctx, [module.routes], [alice, bob]);
    await ready(sys, app);
  });
  afterAll(async () => {
    await app?.close();
    await sys?.close();
  });
}
