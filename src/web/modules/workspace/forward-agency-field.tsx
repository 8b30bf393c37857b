import { useTranslation } from 'react-i18next';
import { useProcedure } from '../catalog/catalog.api.ts';
import { AgencySelect, useAgency } from '../places/agency-select.tsx';
import { nextSteps, type Step } from './next-steps.ts';
import type { DossierDetail } from './workspace.api.ts';

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
