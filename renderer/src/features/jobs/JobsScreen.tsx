import { ErrorNote } from '../../components/ErrorNote';
import { JobRow } from './JobRow';
import { RecordingsToIndex } from './RecordingsToIndex';
import { useJobs } from './useJobs';

export function JobsScreen() {
  const { jobs, error } = useJobs();
  return (
    <div className="screen jobs" data-testid="screen-jobs">
      <header className="screen-header"><h2>Jobs</h2></header>
      <RecordingsToIndex />
      <section className="card">
        <h3>Indexing jobs</h3>
        <ErrorNote message={error} />
        {jobs.length === 0 ? <p className="muted">No job yet.</p> : (
          <table className="table">
            <thead><tr><th>Recording</th><th>Status</th><th>Progress</th><th>Stage</th><th>Notes</th><th>Session and sets</th><th>Updated</th></tr></thead>
            <tbody>{jobs.map((job) => <JobRow key={job.jobId} job={job} />)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}
