import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> | <site>" in the current language. */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  const site = t('app.title');
  useEffect(() => {
    document.title = title ? `${title} | ${site}` : site;
  }, [title, site]);
}
