import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import '../modules/cabinet/cabinet.css';
import { signedIn } from '../modules/dossiers/require-citizen.tsx';
import { Loading } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/**
 * `/hop/tai-lieu?src=…&ten=…&ve=…`: the document reader. The server sends the document as a PDF
 * with the reader's name on every page (never cached); pdf.js draws the pages on canvases the
 * width of the screen, so tablets show every page (Safari shows one page of a PDF in a frame).
 */
const CabinetReaderPage = signedIn(Reader);
export default CabinetReaderPage;

/** The back link says where it goes: the opinion form or the meeting the document was opened from. */
function backLabel(back: string): string {
  if (back.startsWith('/hop/phieu/')) return 'cabinet.backToForm';
  if (back.startsWith('/hop/phien-hop/')) return 'cabinet.backToMeeting';
  return 'cabinet.back';
}

function Reader() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const src = params.get('src') ?? '';
  const name = params.get('ten') ?? t('cabinet.reader');
  const back = params.get('ve');
  usePageTitle(name);
  const valid = src.startsWith('/api/v1/cabinet/');
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [pages, setPages] = useState(0);

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    setState('loading');
    (async () => {
      const pdfjs = await import('pdfjs-dist');
      const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      const bytes = await fetch(src, { credentials: 'same-origin', cache: 'no-store' }).then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.arrayBuffer();
      });
      const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
      if (cancelled || !holder.current) return;
      holder.current.replaceChildren();
      setPages(doc.numPages);
      const width = holder.current.clientWidth || 800;
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: (Math.min(width, 1200) / base.width) * (window.devicePixelRatio || 1) });
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', t('cabinet.readerPage', { page: n, pages: doc.numPages }));
        holder.current.appendChild(canvas);
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      }
      if (!cancelled) setState('ready');
    })().catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
    };
  }, [src, valid, t]);

  return (
    <Stack gap="sm" className="cabinet-page">
      {back?.startsWith('/hop') && (
        <Anchor component={Link} to={back}>
          ← {t(backLabel(back))}
        </Anchor>
      )}
      <Title order={1}>{name}</Title>
      <Text size="sm" c="red.9">
        {t('cabinet.readerNote')}
      </Text>
      {!valid || state === 'failed' ? <Alert color="red" role="alert">{t('cabinet.readerFailed')}</Alert> : state === 'loading' ? <Loading /> : <Text size="sm">{t('cabinet.readerPage', { page: pages, pages })}</Text>}
      <div ref={holder} className="cabinet-reader" data-testid="reader" />
    </Stack>
  );
}
