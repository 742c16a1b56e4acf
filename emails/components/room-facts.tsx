import { Link, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailView } from '../view';

const row = { margin: '4px 0' };
const label = { fontWeight: 'bold' as const };
const before = { textDecoration: 'line-through', color: '#57606a' };

function Fact({ view, name, children }: { view: EmailView; name: string; children: ReactNode }) {
  return (
    <Text style={row}>
      <span style={label}>
        {name}
        {view.words.label.separator}
      </span>
      {children}
    </Text>
  );
}

/** E-1: every fact a participant needs to join, in the order they need them. */
export function RoomFacts({ view, full }: { view: EmailView; full: boolean }) {
  const { words } = view;
  return (
    <Section>
      <Fact view={view} name={words.label.when}>{view.when}</Fact>
      <Fact view={view} name={words.label.window}>{view.windowRange}</Fact>
      {full ? <Fact view={view} name={words.label.organizer}>{view.organizer}</Fact> : null}
      <Fact view={view} name={words.label.portalNumbers}>{view.portalNumbers.join(', ')}</Fact>
      <Fact view={view} name={words.label.roomNumber}>{view.roomNumber}</Fact>
      {view.pin ? <Fact view={view} name={words.label.pin}>{view.pin}</Fact> : null}
      {full && view.description ? <Fact view={view} name={words.label.description}>{view.description}</Fact> : null}
      <Text>{words.howToJoin(Boolean(view.pin))}</Text>
      {full ? <Text>{words.extensionHint}</Text> : null}
      {view.oneTap ? (
        <Fact view={view} name={words.oneTap}>
          <Link href={view.oneTap.uri}>{view.oneTap.text}</Link>
        </Fact>
      ) : null}
    </Section>
  );
}

/** E-3: each changed fact, old → new, before the up-to-date details. */
export function FactChanges({ view }: { view: EmailView }) {
  if (view.changes.length === 0) return null;
  return (
    <Section>
      <Text style={label}>{view.words.changes.title}</Text>
      {view.changes.map((change) => (
        <Fact key={change.label} view={view} name={change.label}>
          <span style={before}>{change.before}</span> → {change.after}
        </Fact>
      ))}
      <Text style={label}>{view.words.changes.upToDate}</Text>
    </Section>
  );
}
