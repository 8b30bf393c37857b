import { localDate, localInstant, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { type ReturnMethod, renderLedgerPdf, renderLedgerXlsx } from '#modules/documents/index.ts';
import { findAgency, fullAddress, placeNameOf } from '#modules/places/index.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { statusInfo } from './statuses.ts';
import type { RegisterBook } from './dossiers.contract.ts';

/**
 * Sổ theo dõi hồ sơ (Mẫu 06, TT 01/2018) of a receiving agency for a period of local dates, and
 * the helpers every form shares: the return method and the postal address.
 */

const RETURN_METHODS = ['tai_quay', 'truc_tuyen', 'buu_chinh'] as const;
/** Hình thức nhận kết quả the applicant chose (the counter's intake, or online fields.resultDelivery); at the desk by default. */
export function returnMethodOf(dossier: { fields: Record<string, unknown>; intake?: { returnMethod: string } | null }): ReturnMethod {
  // chosen at the counter (intake), or online with the submission's fields
  const chosen = dossier.intake?.returnMethod ?? dossier.fields?.resultDelivery;
  return RETURN_METHODS.find((m) => m === chosen) ?? 'tai_quay';
}

/** Where the post delivers the result: the address typed at the counter, else the applicant's full address. */
export async function postalAddressOf(
  tx: Sql,
  dossier: { applicant: { address: { communeCode?: string; detail: string } }; intake?: { returnAddress: string | null } | null },
): Promise<string> {
  const typed = dossier.intake?.returnAddress;
  return typed && typed !== dossier.applicant.address.detail ? typed : fullAddress(tx, dossier.applicant.address);
}

/** The dossier's entry in its receiving agency's register book: volume (year) and number. */
export async function registerBookEntry(tx: Sql, dossier: { id: string; receivingAgency: string; receivedAt: Date | null }) {
  if (!dossier.receivedAt) return null;
  const year = localDate(dossier.receivedAt).slice(0, 4);
  const entries = await repo.registerBookEntries(tx, dossier.receivingAgency, localInstant(`${year}-01-01`), new Date(dossier.receivedAt.getTime() + 1));
  return entries.get(dossier.id) ?? null;
}

/** The screen's register book: the contract's `RegisterBook` (the PDF and Excel read the same data). */
export type LedgerJson = RegisterBook;

/** The book's rows for a period (local dates, inclusive), with the book numbers of the year. */
export async function readRegisterBook(tx: Sql, input: { agencyCode: string; from: string; to: string; now: Date }): Promise<LedgerJson> {
  const agency = await findAgency(tx, input.agencyCode);
  if (!agency) throw DossierErrors.DOSSIER_NOT_FOUND();
  const until = new Date(localInstant(input.to).getTime() + 86_400_000);
  const dossiers = await repo.listReceivedBy(tx, agency.code, localInstant(input.from), until);
  const book = await repo.registerBookEntries(tx, agency.code, localInstant(`${input.from.slice(0, 4)}-01-01`), until);
  const procedureNames = new Map<string, string>();
  const agencyNames = new Map<string, string>();
  const nameOf = async (code: string) => {
    if (!agencyNames.has(code)) agencyNames.set(code, (await findAgency(tx, code))?.name ?? code);
    return agencyNames.get(code)!;
  };
  const rows: LedgerJson['rows'] = [];
  for (const [i, d] of dossiers.entries()) {
    if (!procedureNames.has(d.procedureVersionId)) procedureNames.set(d.procedureVersionId, (await getProcedureVersion(tx, d.procedureVersionId)).name);
    const log = await repo.listActions(tx, d.id);
    const returned = [...log].reverse().find((a) => a.action === 'return_result');
    const entry = book.get(d.id);
    rows.push({
      dossierId: d.id,
      status: d.status,
      seq: entry?.number ?? i + 1,
      volume: entry?.volume ?? null,
      code: d.code ?? '',
      procedureName: procedureNames.get(d.procedureVersionId)!,
      quantity: 1, // one set (bộ) per dossier, however many files it holds
      applicantName: d.applicant.fullName,
      applicantContact: [await fullAddress(tx, d.applicant.address), d.applicant.phone].filter(Boolean).join('; '),
      leadAgency: await nameOf(d.competentAgency),
      receivedAt: d.receivedAt ? toLocalIso(d.receivedAt) : null,
      dueAt: d.dueAt ? toLocalIso(d.dueAt) : null,
      forwardedTo: await nameOf(d.currentAgency),
      resultAt: d.finishedAt ? toLocalIso(d.finishedAt) : null,
      returnedAt: returned ? toLocalIso(returned.at) : null,
      note: statusInfo[d.status].vi,
    });
  }
  return {
    agencyCode: agency.code,
    agencyName: agency.name,
    from: input.from,
    to: input.to,
    rows,
    issuedAt: toLocalIso(input.now),
    placeName: await placeNameOf(tx, agency),
  };
}

/** Mẫu 06 as PDF or Excel, dated the day it is printed. */
export async function renderLedger(
  tx: Sql,
  input: { agencyCode: string; from: string; to: string; format: 'pdf' | 'xlsx'; now: Date },
): Promise<Buffer> {
  const data = await readRegisterBook(tx, input);
  return input.format === 'xlsx' ? renderLedgerXlsx(data) : renderLedgerPdf(data);
}
