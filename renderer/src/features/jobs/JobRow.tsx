import type { JobView } from '../../../../shared/ipc/viewModels';
import { ProgressBar } from '../../components/ProgressBar';
import { formatTime } from '../../../../shared/format/formatTime';

export function JobRow({ job }: { job: JobView }) {
  return (
    <tr data-testid="job-row" data-job-id={job.jobId} data-status={job.status}>
      <td>{job.itemName ?? job.jobId}</td>
      <td><span className={`badge job-${job.status}`}>{job.status}</span></td>
      <td className="progress-cell"><ProgressBar value={job.progress / 100} label={`job ${job.jobId} progress`} /> {job.progress.toFixed(0)}%</td>
      <td>{job.stage ?? ''}</td>
      <td className="notes">{job.notes.slice(-3).map((n) => <div key={n}>{n}</div>)}</td>
      <td>
        {job.sessionUid && <div data-testid="job-session">session <code>{job.sessionUid}</code></div>}
        {job.setIds.length > 0 && <div>sets {job.setIds.map((s) => <code key={s}>{s}</code>)}</div>}
      </td>
      <td className="muted">{formatTime(job.updatedAt)}</td>
    </tr>
  );
}
