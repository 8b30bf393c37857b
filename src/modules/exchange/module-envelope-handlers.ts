import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';

/** The extension point of module envelopes (module-envelopes.ts): handlers by document type, registered once per process. */
export interface ModuleEnvelope {
  /** The envelope's document type (TypeName). */
  type: string;
  documentId: string;
  from: { code: string; name: string };
  to: { code: string; name: string };
  /** The node the registry says hosts the sending agency. */
  senderNode: string;
  value: unknown;
}

export type ModuleEnvelopeOutcome = string | { refused: string; detail: string };
export type ModuleEnvelopeHandler = (ctx: AppContext, tx: Sql, envelope: ModuleEnvelope) => Promise<ModuleEnvelopeOutcome>;

const handlers = new Map<string, ModuleEnvelopeHandler>();

/** Registers the handler of a module's envelope type (once per process; registering again replaces it). */
export function onModuleEnvelope(type: string, handler: ModuleEnvelopeHandler): void {
  handlers.set(type, handler);
}

/** The document types of module envelopes registered in this process (kept out of the registers). */
export const moduleEnvelopeTypes = (): string[] => [...handlers.keys()];


export const handlerOf = (type: string): ModuleEnvelopeHandler | undefined => handlers.get(type);
