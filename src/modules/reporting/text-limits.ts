/**
 * How long a report's texts may be: a text figure, the reason for correcting a pre-filled one, the
 * reason for sending a report back. The contract refuses longer ones; the form stops typing there
 * (a long text otherwise came back as "Tối đa 4000 ký tự" after sending, naming no field).
 */
export const REPORT_TEXT_LIMITS = { value: 4000, reason: 1000, sendBack: 2000 } as const;
