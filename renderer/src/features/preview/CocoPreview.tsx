import type { CocoProbe } from '../../../../shared/ingest/probeSchemas';
import { FactList } from '../../components/FactList';
import { formatCount } from '../../../../shared/format/formatCount';

const MAX_CATEGORIES = 40;

export function CocoPreview({ probe }: { probe: CocoProbe }) {
  const { counts, annotationKinds: kinds, problems } = probe;
  const issues = [
    problems.danglingAnnotations.count ? `${problems.danglingAnnotations.count} annotations name no image` : '',
    problems.undeclaredCategoryIds.length ? `undeclared categories ${problems.undeclaredCategoryIds.join(', ')}` : '',
    problems.duplicateImageIds.length ? `duplicate image ids ${problems.duplicateImageIds.join(', ')}` : '',
    problems.missingImageFiles.count ? `${problems.missingImageFiles.count} image files not found` : '',
    problems.invalidEntries.count ? `${problems.invalidEntries.count} invalid entries` : '',
  ].filter(Boolean);
  return (
    <div className="coco-preview" data-testid="coco-preview">
      <FactList testId="coco-facts" facts={[
        ['Images', <span key="i" data-testid="coco-images">{formatCount(counts.images)}</span>],
        ['Annotations', <span key="a" data-testid="coco-annotations">{formatCount(counts.annotations)}</span>],
        ['Categories', <span key="c" data-testid="coco-categories">{formatCount(counts.categories)}</span>],
        ['Kinds', [
          kinds.bbox && `${kinds.bbox} boxes`, kinds.polygon && `${kinds.polygon} polygons`,
          kinds.rleCompressed + kinds.rleUncompressed ? `${kinds.rleCompressed + kinds.rleUncompressed} masks` : '',
          kinds.keypoints && `${kinds.keypoints} keypoints`,
        ].filter(Boolean).join(', ') || null],
        ['Image files', `${probe.imagesFound} found${probe.imageRoots.length ? ` in ${probe.imageRoots.join(', ')}` : ''}`],
        ['SceneBox valid', probe.sceneBoxValid ? 'yes' : 'no (extra top-level keys)'],
        ['Problems', issues.length ? issues.join('; ') : null],
      ]} />
      {probe.categoryNames.length > 0 && (
        <p className="category-names">
          {probe.categoryNames.slice(0, MAX_CATEGORIES).join(', ')}{probe.categoryNames.length > MAX_CATEGORIES ? ` and ${probe.categoryNames.length - MAX_CATEGORIES} more` : ''}
        </p>
      )}
    </div>
  );
}
