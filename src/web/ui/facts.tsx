import { Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list of facts (term → value) as a description list, laid out by `.facts` in app.css. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

/** The facts of a page's subject (a dossier, a procedure) in a card of their own. */
export function FactsCard({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
      <Facts>{children}</Facts>
    </Paper>
  );
}

/** One fact: its term and its value (`testId` marks the value for the browser journeys). */
export function Fact({ term, testId, children }: { term: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}
