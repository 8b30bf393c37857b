/** A step of a procedure's inter-agency chain as `GET /api/v1/procedures/{code}` publishes it. */
export interface Step {
  seq: number;
  agencyKind: string;
  task: string;
  dependsOn?: number[];
}

/**
 * The steps that follow the one the dossier's current agency plays (those depending on it, else the
 * next by number); when its kind plays no step, the chain's first steps. Only orders the forward
 * form's list of agencies: the server decides the step on forward (forward-dossier.ts).
 */
export function nextSteps(steps: Step[], currentKind: string | null): Step[] {
  const sorted = [...steps].sort((a, b) => a.seq - b.seq);
  const current = sorted.find((s) => s.agencyKind === currentKind);
  if (!current) return sorted.filter((s) => (s.dependsOn ?? []).length === 0 && s.agencyKind !== currentKind);
  const dependents = sorted.filter((s) => (s.dependsOn ?? []).includes(current.seq));
  if (dependents.length > 0) return dependents;
  const following = sorted.find((s) => s.seq > current.seq);
  return following ? [following] : [];
}
