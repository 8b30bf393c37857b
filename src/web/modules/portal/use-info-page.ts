import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { usePortalInfo } from './portal.api.ts';

/**
 * What an information page (help, privacy notice, accessibility statement) starts from: whether it
 * is shown in English, its title in the page language (also the document title) and the contact
 * details the installation publishes (undefined until read).
 */
export function useInfoPage(title: { vi: string; en: string }) {
  const { i18n } = useTranslation();
  const info = usePortalInfo().data;
  const en = i18n.language === 'en';
  const text = en ? title.en : title.vi;
  usePageTitle(text);
  return { en, title: text, info };
}
