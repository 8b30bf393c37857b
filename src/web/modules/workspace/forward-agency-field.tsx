import { useTranslation } from 'react-i18next';
import { useProcedure } from '../catalog/catalog.api.ts';
import { AgencySelect, useAgency } from '../places/agency-select.tsx';
import type { DossierDetail } from './workspace.api.ts';

/** A step of a procedure's inter-agency chain as `GET /api/v1/procedures/{code}` publishes it. */
interface Step {
  seq: number;
  agencyKind: string;
  task: string;
  dependsOn?: number[];
}

/**
 * The steps that follow the one the dossier's current agency plays (those depending on it, else the
 * next by number); when its kind plays no step, the chain's first steps. Mirrors the server's
 * choice of step on forward (forward-dossier.ts) only to order the list: the server decides.
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

/**
 * Cơ quan nhận hồ sơ (forward): a searchable list of agencies instead of a typed code — the
 * competent agency first (boundary-free reception hands over to it), then the agencies of the
 * next inter-agency step's kind in the dossier's province, then the rest of the province.
 */
export function ForwardAgencyField(props: { dossier: DossierDetail; value: string; onChange: (code: string) => void; error?: string }) {
  const { t } = useTranslation();
  const { dossier } = props;
  const current = useAgency(dossier.currentAgency.code);
  const procedure = useProcedure(dossier.procedureCode);
  const steps = ((procedure.data as { interagencySteps?: Step[] } | undefined)?.interagencySteps ?? []).filter((s) => s.agencyKind);
  const next = current.data ? nextSteps(steps, current.data.kind) : [];
  const competent = dossier.competentAgency.code !== dossier.currentAgency.code ? [dossier.competentAgency.code] : [];
  return (
    <AgencySelect
      label={t('workspace.form.toAgency')}
      description={t('workspace.form.toAgencyHint')}
      required
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      provinceCode={current.data?.provinceCode ?? null}
      preferred={{ codes: competent, label: t('workspace.form.competentAgency') }}
      preferKinds={next.map((s) => s.agencyKind)}
      preferKindsLabel={next.length > 0 ? t('workspace.form.nextStep', { task: next.map((s) => s.task).join('; ') }) : undefined}
      exclude={[dossier.currentAgency.code]}
    />
  );
}
