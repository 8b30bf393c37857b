import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> | <site>", and the site's description, in the current language. */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  const site = t('app.title');
  const description = t('app.description');
  useEffect(() => {
    document.title = title ? `${title} | ${site}` : site;
  }, [title, site]);
  useEffect(() => {
    document.querySelector('meta[name="description"]')?.setAttribute('content', description);
  }, [description]);
}
