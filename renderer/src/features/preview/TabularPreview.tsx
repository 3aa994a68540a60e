import type { CsvProbe, EgoPoseProbe } from '../../../../shared/ingest/probeSchemas';
import { FactList } from '../../components/FactList';
import { formatCount } from '../../../../shared/format/formatCount';
import { formatTime } from '../../../../shared/format/formatTime';

/** Time series files (CSV, ego poses): what rows and which time span they hold. */
export function TabularPreview({ probe }: { probe: CsvProbe | EgoPoseProbe }) {
  if (probe.kind === 'ego_pose') {
    return (
      <FactList testId="tabular-facts" facts={[
        ['Frames', formatCount(probe.frameCount)],
        ['Objects', `${formatCount(probe.objectCount)} (at most ${probe.maxObjectsPerFrame} per frame)`],
        ['From', formatTime(probe.firstTimestamp)],
        ['To', formatTime(probe.lastTimestamp)],
        ['Order', probe.monotonic ? 'time never goes back' : 'time goes back somewhere'],
      ]} />
    );
  }
  return (
    <FactList testId="tabular-facts" facts={[
      ['Rows', formatCount(probe.rowCount)],
      ['Columns', probe.columns.map((c) => c.name).join(', ')],
      ['Time column', probe.time ? `${probe.time.column} (${probe.time.format})` : 'none found'],
      ['From', probe.time ? (probe.time.first ? formatTime(probe.time.first) : probe.time.firstRaw) : null],
      ['To', probe.time ? (probe.time.last ? formatTime(probe.time.last) : probe.time.lastRaw) : null],
      ['Malformed rows', probe.malformedRows.count ? `${probe.malformedRows.count} (lines ${probe.malformedRows.lines.join(', ')})` : null],
    ]} />
  );
}
