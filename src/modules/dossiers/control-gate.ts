import type { Sql } from '#platform/db.ts';
import type { ControlMode, ProcedureVersion } from '#modules/catalog/index.ts';
import type { Dossier } from './dossiers.types.ts';

/** What the gate is asked at reception of a declaration under `post` or `hybrid` control. */
export interface ControlGateCall {
  mode: Exclude<ControlMode, 'pre'>;
  dossier: Dossier;
  procedure: ProcedureVersion;
  now: Date;
}

/** Answers whether a `hybrid` declaration is issued at once (low risk) or appraised first (high risk). */
export type HybridGate = (tx: Sql, call: ControlGateCall) => Promise<boolean>;

let hybridGate: HybridGate | null = null;

/**
 * The inspection module scores the declaration's risk (it depends on dossiers, not the other way
 * round), so it registers its gate here at start. Without a gate a `hybrid` declaration is
 * appraised first: the safe side.
 */
export function registerHybridGate(gate: HybridGate): void {
  hybridGate = gate;
}

/** `post`: always issued at reception; `hybrid`: when the registered gate says the risk is low. */
export async function issueAtIntake(tx: Sql, call: ControlGateCall): Promise<boolean> {
  if (call.mode === 'post') return true;
  return hybridGate ? hybridGate(tx, call) : false;
}
