import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureComponent } from './catalog.api.ts';

/**
 * Thành phần hồ sơ: name, originals, copies, required. A table from 48em up; on a phone the same
 * facts as a list, because four columns do not fit 360 px (app.css `.components-*`, one or the
 * other shown). Papers that belong to a case ("Trường hợp …") come under its heading; where the
 * catalogue does not say how many originals and copies, the cells say so instead of showing a
 * number. Plain elements, not Mantine's Table, Card and Text: the sheet is server-rendered and
 * hydrated on a phone (src/http/rendered-pages.ts), where each Mantine element costs its style
 * work, and Mantine's Table brings ScrollArea (14 kB gzipped) that this table never uses.
 */
export function ComponentsTable({ components }: { components: ProcedureComponent[] }) {
  const { t } = useTranslation();
  if (components.length === 0) return <p className="sheet-text">{t('procedure.noComponents')}</p>;
  const count = (c: ProcedureComponent, n: number) => (c.quantityUnknown ? '—' : n);
  const startsGroup = (i: number) => !!components[i].group && components[i].group !== components[i - 1]?.group;
  const anyUnknown = components.some((c) => c.quantityUnknown);
  return (
    <>
      {anyUnknown && <p className="sheet-note">{t('procedure.quantityUnknown')}</p>}
      <table className="components-table">
        <caption>{t('procedure.componentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procedure.componentName')}</th>
            <th scope="col" className="count">
              {t('procedure.original')}
            </th>
            <th scope="col" className="count">
              {t('procedure.copy')}
            </th>
            <th scope="col" className="count">
              {t('procedure.required')}
            </th>
          </tr>
        </thead>
        <tbody>
          {components.map((c, i) => (
            <Fragment key={c.code}>
              {startsGroup(i) && (
                <tr>
                  <th scope="colgroup" colSpan={4}>
                    {c.group}
                  </th>
                </tr>
              )}
              <tr>
                <td>{c.name}</td>
                <td className="count">{count(c, c.original)}</td>
                <td className="count">{count(c, c.copy)}</td>
                <td className="count">{c.required ? t('procedure.yes') : t('procedure.no')}</td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
      <ul className="components-list" aria-label={t('procedure.componentsCaption')}>
        {components.map((c, i) => (
          <Fragment key={c.code}>
            {startsGroup(i) && <li className="components-group">{c.group}</li>}
            <li className="components-card">
              <p className="components-name">{c.name}</p>
              <p className="sheet-note">
                {c.quantityUnknown ? '' : `${t('procedure.original')}: ${c.original} · ${t('procedure.copy')}: ${c.copy} · `}
                {c.required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
              </p>
            </li>
          </Fragment>
        ))}
      </ul>
    </>
  );
}
