import { Anchor, Badge, Breadcrumbs, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDeadlinePreview, useProcedure } from '../modules/catalog/catalog.api.ts';
import { isProvincial, levelText, longDate, onlineLevelText, procedureName, receivingKinds } from '../modules/catalog/catalog.format.ts';
import { ComponentsTable } from '../modules/catalog/components-table.tsx';
import { DeadlineText } from '../modules/catalog/deadline-text.tsx';
import { FeeList } from '../modules/catalog/fee-list.tsx';
import { useProvinces } from '../modules/places/places.api.ts';
import { WhereToSubmit } from '../modules/places/where-to-submit.tsx';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { Section } from '../ui/section.tsx';

/** Trang thủ tục: everything a citizen needs before submitting. */
export default function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const procedure = useProcedure(code);
  // Asked together with the procedure, not after it: the preview line is the page's largest
  // text (its LCP element), and the places' first list is needed as soon as the page shows.
  const preview = useDeadlinePreview(code, code !== '');
  useProvinces();
  // Built in slices at low priority once the procedure arrives (a long page), not in one long task.
  const p = useDeferredValue(procedure.data);
  const name = p ? procedureName(p, i18n.language) : undefined;
  usePageTitle(name ?? code);

  if (procedure.isPending) return <Loading />;
  if (procedure.isError) {
    const missing = procedure.error instanceof ApiError && procedure.error.status === 404;
    return (
      <Stack>
        <Title order={1}>{missing ? t('notFound.title') : t('app.loadFailed')}</Title>
        <LoadError message={missing ? t('procedure.notFound', { code }) : undefined} onRetry={missing ? undefined : () => procedure.refetch()} />
        <Anchor component={Link} to="/">
          {t('procedure.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!p) return <Loading />;

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('procedure.breadcrumb')} component="nav" separator="›" styles={{ root: { flexWrap: 'wrap' } }}>
        <Anchor component={Link} to="/">
          {t('app.home')}
        </Anchor>
        <Text component="span" aria-current="page" style={{ whiteSpace: 'normal' }}>
          {name}
        </Text>
      </Breadcrumbs>

      <div>
        <Title order={1}>{name}</Title>
        <Group gap="xs" mt="xs" wrap="wrap">
          <Text c="gray.8">
            {t('procedure.code')}: <strong>{p.code}</strong>
          </Text>
        </Group>
        {/* The submission page sends a signed-out visitor to sign in and back. */}
        <Button component={Link} to={`/nop-ho-so/${encodeURIComponent(p.code)}`} mt="sm">
          {t('citizen.submitOnline')}
        </Button>
      </div>

      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <dl className="facts">
          <dt>{t('procedure.level')}</dt>
          <dd>
            <Badge variant="outline" color="blue.9" tt="none">
              {levelText(t, p.level)}
            </Badge>
          </dd>
          <dt>{t('procedure.onlineLevel')}</dt>
          <dd>{onlineLevelText(t, p.onlineLevel)}</dd>
          <dt>{t('procedure.deadline')}</dt>
          <dd>
            <DeadlineText deadline={p.deadline} />
            <Text mt={4} data-testid="deadline-preview" aria-live="polite">
              {preview.data
                ? t('procedure.preview', { date: longDate(preview.data.dueDate, i18n.language) })
                : preview.isError
                  ? t('procedure.previewFailed')
                  : null}
            </Text>
          </dd>
        </dl>
      </Paper>

      <Section id="thanh-phan" title={t('procedure.components')}>
        <ComponentsTable components={p.components ?? []} />
      </Section>

      <Section id="phi-le-phi" title={t('procedure.fees')}>
        <FeeList fees={p.fees ?? []} />
      </Section>

      <Section id="can-cu" title={t('procedure.legalBasis')}>
        {p.legalBasis?.length ? (
          <List spacing="xs">
            {p.legalBasis.map((text) => (
              <List.Item key={text}>{text}</List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('procedure.noLegalBasis')}</Text>
        )}
      </Section>

      <Paper component="section" aria-labelledby="noi-nop" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <WhereToSubmit
          headingId="noi-nop"
          agencyKinds={receivingKinds(p)}
          provincial={isProvincial(p)}
        />
      </Paper>
    </Stack>
  );
}
