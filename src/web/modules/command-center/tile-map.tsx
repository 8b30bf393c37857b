import { useTranslation } from 'react-i18next';
import type { UnitValues } from './command-center.api.ts';
import { legendOf, type MapScale, NO_DATA_CLASS, tileClasses } from './map-scale.ts';

/**
 * A tile-grid map of the 34 provincial units (from 01/07/2025): no geodata package with an
 * AGPL-compatible licence carries the 2025 borders, so each province is one square placed
 * roughly where it lies (north at the top). Position data below; colours come with the value
 * printed in each tile and a legend, never colour alone.
 */
export const TILE_LAYOUT: Record<string, [col: number, row: number, short: string]> = {
  '12': [1, 0, 'Lai Châu'], '15': [2, 0, 'Lào Cai'], '08': [3, 0, 'Tuyên Quang'], '04': [4, 0, 'Cao Bằng'],
  '11': [0, 1, 'Điện Biên'], '14': [1, 1, 'Sơn La'], '25': [2, 1, 'Phú Thọ'], '19': [3, 1, 'Thái Nguyên'], '20': [4, 1, 'Lạng Sơn'], '22': [5, 1, 'Quảng Ninh'],
  '01': [2, 2, 'Hà Nội'], '24': [3, 2, 'Bắc Ninh'], '31': [4, 2, 'Hải Phòng'],
  '37': [2, 3, 'Ninh Bình'], '33': [3, 3, 'Hưng Yên'],
  '38': [2, 4, 'Thanh Hóa'], '40': [2, 5, 'Nghệ An'], '42': [3, 6, 'Hà Tĩnh'], '44': [3, 7, 'Quảng Trị'], '46': [4, 8, 'Huế'], '48': [4, 9, 'Đà Nẵng'],
  '52': [3, 10, 'Gia Lai'], '51': [4, 10, 'Quảng Ngãi'], '66': [3, 11, 'Đắk Lắk'], '56': [4, 11, 'Khánh Hòa'], '68': [3, 12, 'Lâm Đồng'],
  '80': [1, 13, 'Tây Ninh'], '79': [2, 13, 'TP.HCM'], '75': [3, 13, 'Đồng Nai'],
  '91': [0, 14, 'An Giang'], '82': [1, 14, 'Đồng Tháp'], '86': [2, 14, 'Vĩnh Long'],
  '96': [0, 15, 'Cà Mau'], '92': [1, 15, 'Cần Thơ'],
};

export function TileMap({ items, format, scale, onSelect, label }: {
  /** GET /indicators/map's units. */
  items: UnitValues['items'];
  format: (v: number | null) => string;
  /** How values are coloured (map-scale.ts): sequential for counts, red → green for rates. */
  scale: MapScale;
  onSelect: (code: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const values = items.flatMap((i) => (i.value === null ? [] : [i.value]));
  const cls = tileClasses(values, scale);
  const legend = legendOf(scale);
  return (
    <div>
      <ul className="cc-tilemap" aria-label={label}>
        {items.map((item) => {
          const place = TILE_LAYOUT[item.code];
          if (!place) return null;
          return (
            <li key={item.code} style={{ gridColumn: place[0] + 1, gridRow: place[1] + 1 }}>
              <button
                type="button"
                className={`cc-tile ${cls(item.value)}`}
                onClick={() => onSelect(item.code)}
                aria-label={`${item.name}: ${format(item.value)}${item.rank ? `, ${t('commandCenter.rank', { rank: item.rank })}` : ''}`}
              >
                <span className="cc-tile-name">{place[2]}</span>
                <span className="cc-tile-value">{format(item.value)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="cc-legend" data-testid="map-legend">
        <span className={`cc-swatch ${legend.low}`} aria-hidden="true" /> {t(legend.lowKey)}{' '}
        <span className={`cc-swatch ${legend.high}`} aria-hidden="true" /> {t(legend.highKey)}{' '}
        <span className={`cc-swatch ${NO_DATA_CLASS}`} aria-hidden="true" /> {t('commandCenter.noData')}
      </p>
    </div>
  );
}
