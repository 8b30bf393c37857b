export { devEidClient, EID_CALLBACK_PATH } from './dev-eid-client.ts';
export { devEidRoutes } from './dev-eid.routes.ts';
export { DEV_EID_PASSWORD, testCitizens, type TestCitizen } from './test-citizens.ts';
