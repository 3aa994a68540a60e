import type { ReactNode } from 'react';

export type Fact = [label: string, value: ReactNode];

/** Label/value pairs (probe facts, settings summaries); empty values are left out, not shown as blanks. */
export function FactList({ facts, testId }: { facts: readonly Fact[]; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {facts.filter(([, value]) => value !== null && value !== undefined && value !== '').map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
