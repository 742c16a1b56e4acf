'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * H-4: participant-minutes per day as bars. The figure is described by its caption and the same
 * numbers are in the table beside it, so the drawing itself is hidden from screen readers.
 */
export function UsageChart({ days, label }: { days: { day: string; participantMinutes: number }[]; label: string }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#334155' }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#334155' }} width={48} />
          <Tooltip />
          <Bar dataKey="participantMinutes" name={label} fill="#4338ca" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
