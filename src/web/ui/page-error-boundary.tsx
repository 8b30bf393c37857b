import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { retryFailedPages } from './lazy-page.ts';

interface Props {
  /** The words, passed in: ui/ never reads a module (title, text, button). */
  title: string;
  text: string;
  reload: string;
  /** Another value (the path) clears a shown error: following a link works again. */
  resetKey: string;
  children: ReactNode;
}

/**
 * Instead of a white screen: a page that throws — most often its chunk that could not be
 * downloaded (offline, an aborted request) — is replaced by a message and "Tải lại", inside the
 * layout, so the header and its links stay. "Tải lại" tries the page again in place.
 */
export class PageErrorBoundary extends Component<Props, { error: unknown; tries: number }> {
  override state = { error: null as unknown, tries: 0 };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  private retry = () => {
    retryFailedPages();
    this.setState((s) => ({ error: null, tries: s.tries + 1 }));
  };

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack gap="md" data-testid="page-error">
        <Title order={1}>{this.props.title}</Title>
        <Alert color="red" variant="light" role="alert">
          <Text>{this.props.text}</Text>
        </Alert>
        <div>
          <Button onClick={this.retry}>{this.props.reload}</Button>
        </div>
      </Stack>
    );
  }
}
