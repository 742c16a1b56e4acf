import { Heading, Text } from '@react-email/components';
import { CopyNotice, Layout } from './components/layout';
import { RoomFacts } from './components/room-facts';
import type { EmailView } from './view';

/** E-1 */
export function InvitationEmail({ view, copy }: { view: EmailView; copy: boolean }) {
  const lead = (copy ? view.words.ownLead : view.words.lead).invitation(view.organizer);
  return (
    <Layout view={view} preview={lead}>
      <CopyNotice view={view} show={copy} />
      <Heading as="h1">{view.roomName}</Heading>
      <Text>{lead}</Text>
      <RoomFacts view={view} full />
      <Text>{view.words.calendar}</Text>
    </Layout>
  );
}
