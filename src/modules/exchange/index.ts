import { defineModule } from '#platform/module.ts';
import { handle } from '#platform/events.ts';
import { dossierEvents } from '#modules/dossiers/index.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { markCopyUpdate, onStepMoved } from './federated-step.ts';
import { seedExchange } from './seed-exchange.ts';
import { startExchange } from './transport.ts';

/**
 * Exchange (trục liên thông văn bản): signed edXML documents and status packets between agencies
 * and between installations (docs/modules/exchange.md).
 *
 * Contract for other modules and the platform:
 * - `module`: its routes (exchange.contract.ts); its runtime `startExchange` (outbox delivery over
 *   HTTP peers or NATS JetStream, the registry refresh, the national-portal sync), started with the
 *   jobs; `seedExchange` on every start (a national node's central agencies and demo clerk: it
 *   follows this installation's MOTCUA_NODE_* settings, not the shared registers).
 * - `receiveMessage(ctx, xml, via)`: store one signed package exactly once (transports, tests).
 * - handles the dossiers module's `dossier.step_moved`: a liên thông step at an agency hosted by
 *   another installation travels there as a signed envelope and its completion comes back
 *   (federated-step.ts; docs/modules/exchange.md, "Federated liên thông steps").
 * - `sendDocument(ctx, tx, actor, input)`: send a signed edXML document (the caller's actor must be
 *   a clerk of `input.from`; attachments are that actor's uploads). Used by e-Cabinet.
 * - `deliveryOf(tx, documentId)`: the per-recipient status of a document sent from here.
 * - `sendModuleEnvelope` / `onModuleEnvelope` / `hostedElsewhere`: another module's JSON value
 *   from an agency hosted here to one hosted by another installation, as a signed envelope of the
 *   module's own type, applied there once by the module's handler (the reporting module's
 *   reports, returns and acceptances; module-envelopes.ts).
 */
export { startExchange, type ExchangeRuntime } from './transport.ts';
export { seedExchange } from './seed-exchange.ts';
export { receiveMessage } from './receive-message.ts';
export { ExchangeErrors } from './exchange.errors.ts';
export { sendDocument, type SendInput } from './send-document.ts';
export { deliveryOf, type Delivery } from './delivery.ts';
/** Signed node-to-node JSON payloads and the registry's view of nodes, for other modules (node-payload.ts). */
/** Other modules' JSON values between agencies of different installations, as signed envelopes over the axis (module-envelopes.ts). */
export {
  agencyElsewhere,
  hostedElsewhere,
  type ModuleEnvelope,
  type ModuleEnvelopeHandler,
  type ModuleEnvelopeOutcome,
  onModuleEnvelope,
  sendModuleEnvelope,
} from './module-envelopes.ts';
export { checkNodePayload, nationalNodeOf, NodePayloadRefused, provincesServedBy, provincesServedHere, signNodePayload } from './node-payload.ts';

export const module = defineModule({
  name: 'exchange',
  routes: exchangeRoutes,
  start: startExchange,
  onStart: seedExchange,
  // Liên thông steps of agencies hosted by other installations travel as signed envelopes (federated-step.ts).
  eventHandlers: (ctx) => handle(dossierEvents, { 'dossier.step_moved': (p) => onStepMoved(ctx, p) }),
  // A lead dossier's action marks its copies at other installations for an update (federated-step.ts).
  projections: { 'dossier.status_changed': markCopyUpdate },
});
