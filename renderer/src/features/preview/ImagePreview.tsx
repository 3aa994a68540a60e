import type { ImageProbe } from '../../../../shared/ingest/probeSchemas';
import { FactList } from '../../components/FactList';
import { formatTime } from '../../../../shared/format/formatTime';

/** The image as the browser draws it, with the capture time and position EXIF gave. */
export function ImagePreview({ url, probe }: { url: string; probe: ImageProbe }) {
  const gps = probe.gps;
  return (
    <div className="image-preview" data-testid="image-preview">
      <img src={url} alt="" className="preview-image" />
      <FactList testId="image-facts" facts={[
        ['Size', `${probe.width} × ${probe.height} ${probe.format}`],
        ['Taken', probe.dateTimeOriginal
          ? <span key="t" data-testid="image-time" data-iso={probe.dateTimeOriginal}>{formatTime(probe.dateTimeOriginal)}{probe.utcOffset ? ` (camera offset ${probe.utcOffset})` : ''}{probe.timeZoneAssumed ? ' (no offset in the file: read as UTC)' : ''}</span>
          : 'no capture time in the file'],
        ['GPS', gps
          ? <span key="g" data-testid="image-gps">{gps.latitude.toFixed(6)}, {gps.longitude.toFixed(6)}{gps.altitude !== null ? `, ${gps.altitude.toFixed(1)} m` : ''}</span>
          : null],
        ['GPS time', probe.gpsTime ? formatTime(probe.gpsTime) : null],
        ['Camera', [probe.make, probe.model].filter(Boolean).join(' ') || null],
        ['Orientation', probe.orientation !== null && probe.orientation !== 1 ? `EXIF ${probe.orientation}` : null],
        ['EXIF', probe.exifError],
      ]} />
    </div>
  );
}
