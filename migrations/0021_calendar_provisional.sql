-- Calendars generated from the Labour Code are provisional until an administrator confirms them
-- (docs/modules/calendar.md). Shipped and hand-entered years are official (provisional = false).
ALTER TABLE calendar_years
  ADD COLUMN provisional  boolean NOT NULL DEFAULT false,
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN confirmed_by text;

-- The official 2026 facts, for databases seeded before they were known (a fresh database gets
-- them from seed/calendar-2026.json): Tết Dương lịch off Thursday 1 to Sunday 4 January, Friday
-- 2 January swapped with Saturday 10 January (worked); Tết Nguyên đán 16–20 February verified.
INSERT INTO calendar_days (date, year, kind, name, verified)
SELECT v.date::date, 2026, v.kind, v.name, true
FROM (VALUES ('2026-01-02', 'swap_off', 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)'),
             ('2026-01-10', 'working_weekend', 'Làm bù cho thứ Sáu 02/01/2026')) AS v (date, kind, name)
WHERE EXISTS (SELECT 1 FROM calendar_years WHERE year = 2026)
ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, verified = true;

UPDATE calendar_days SET verified = true
WHERE date IN ('2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20');

UPDATE calendar_years
SET version = version + 1, updated_at = now(), updated_by = 'migration 0021',
    source = 'Bộ luật Lao động 2019 Điều 111–112; Tết Dương lịch nghỉ từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026, hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01/2026 (làm việc); Tết Nguyên đán nghỉ từ thứ Bảy 14/02 đến hết Chủ nhật 22/02/2026 (đã xác minh); Giỗ Tổ 26/04 rơi vào Chủ nhật nên nghỉ bù thứ Hai 27/04'
WHERE year = 2026;
