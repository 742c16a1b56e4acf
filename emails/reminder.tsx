import { Heading, Text } from '@react-email/components';
import { CopyNotice, Layout } from './components/layout';
import { RoomFacts } from './components/room-facts';
import type { EmailView } from './view';

/** E-2: the same facts, short. */
export function ReminderEmail({ view, minutes, copy }: { view: EmailView; minutes: number; copy: boolean }) {
  const lead = (copy ? view.words.ownLead : view.words.lead).reminder(view.roomName, minutes);
  return (
    <Layout view={view} preview={lead}>
      <CopyNotice view={view} show={copy} />
      <Heading as="h1">{view.roomName}</Heading>
      <Text>{lead}</Text>
      <RoomFacts view={view} full={false} />
    </Layout>
  );
}
