import { defineModule } from '#platform/module.ts';
import { devEidRoutes } from './dev-eid.routes.ts';

export { devEidClient, EID_CALLBACK_PATH } from './dev-eid-client.ts';
export { DEV_EID_PASSWORD, testCitizens, type TestCitizen } from './test-citizens.ts';

export const module = defineModule({ name: 'eid-dev', routes: devEidRoutes });
