import { Heading, Text } from '@react-email/components';
import { CopyNotice, Layout } from './components/layout';
import type { EmailView } from './view';

/** E-4 */
export function CancellationEmail({ view, copy }: { view: EmailView; copy: boolean }) {
  const lead = (copy ? view.words.ownLead : view.words.lead).cancellation(view.organizer, view.roomName, view.when);
  return (
    <Layout view={view} preview={lead}>
      <CopyNotice view={view} show={copy} />
      <Heading as="h1">{view.roomName}</Heading>
      <Text>{lead}</Text>
    </Layout>
  );
}
