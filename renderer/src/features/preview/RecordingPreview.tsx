import { FactList } from '../../components/FactList';
import { formatCount } from '../../../../shared/format/formatCount';
import { formatDuration } from '../../../../shared/format/formatDuration';
import { formatTime } from '../../../../shared/format/formatTime';
import type { RecordingSummary } from './recordingSummary';

const FORMAT_LABELS: Record<RecordingSummary['format'], string> = { ros1: 'ROS 1 bag', ros2: 'ROS 2 bag', mcap: 'MCAP' };

export function RecordingPreview({ summary }: { summary: RecordingSummary }) {
  return (
    <div className="recording-preview" data-testid="recording-preview">
      <FactList testId="recording-facts" facts={[
        ['Format', FORMAT_LABELS[summary.format]],
        ['Start', formatTime(summary.start)],
        ['End', formatTime(summary.end)],
        ['Duration', <span key="d" data-testid="recording-duration" data-seconds={summary.durationSeconds ?? ''}>{formatDuration(summary.durationSeconds)}</span>],
        ['Messages', formatCount(summary.messageCount)],
        ['Warnings', summary.warnings.length ? summary.warnings.join('; ') : null],
      ]} />
      <table className="topics" data-testid="topic-table">
        <thead>
          <tr><th>Topic</th><th>Type</th><th className="num">Count</th><th className="num">Rate</th></tr>
        </thead>
        <tbody>
          {summary.topics.map((t) => (
            <tr key={`${t.topic} ${t.type}`} data-topic={t.topic}>
              <td>{t.topic}</td>
              <td>{t.type}</td>
              <td className="num">{formatCount(t.count)}</td>
              <td className="num">{t.rateHz !== null ? `${t.rateHz.toFixed(t.rateHz < 10 ? 2 : 1)} Hz` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
