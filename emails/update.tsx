import { Heading, Text } from '@react-email/components';
import { CopyNotice, Layout } from './components/layout';
import { FactChanges, RoomFacts } from './components/room-facts';
import type { EmailView } from './view';

/** E-3: what changed (old → new), then the whole invitation again as it now is. */
export function UpdateEmail({ view, copy }: { view: EmailView; copy: boolean }) {
  const lead = (copy ? view.words.ownLead : view.words.lead).update(view.organizer);
  return (
    <Layout view={view} preview={lead}>
      <CopyNotice view={view} show={copy} />
      <Heading as="h1">{view.roomName}</Heading>
      <Text>{lead}</Text>
      <FactChanges view={view} />
      <RoomFacts view={view} full />
      <Text>{view.words.calendar}</Text>
    </Layout>
  );
}
