import { ErrorNote } from '../../components/ErrorNote';
import { AddSource } from './AddSource';
import { SourceCard } from './SourceCard';
import { useSources } from './useSources';

export function SourcesScreen() {
  const { sources, error } = useSources();
  const watched = sources?.filter((s) => s.kind === 'watch') ?? [];
  return (
    <div className="screen sources" data-testid="screen-sources">
      <header className="screen-header"><h2>Sources</h2></header>
      <ErrorNote message={error} />
      <AddSource />
      {sources && watched.length === 0 && <p className="muted">No watched folders yet.</p>}
      {watched.map((source) => <SourceCard key={source.id} source={source} />)}
    </div>
  );
}
