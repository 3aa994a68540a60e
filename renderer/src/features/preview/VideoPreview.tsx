import { useState } from 'react';
import type { VideoProbe } from '../../../../shared/ingest/probeSchemas';
import { FactList } from '../../components/FactList';
import { formatDuration } from '../../../../shared/format/formatDuration';
import { formatTime } from '../../../../shared/format/formatTime';

/**
 * The local file in an HTML5 player. The media URL answers range requests, so seeking reads only
 * what it needs; the facts beside it are ffprobe's, from the journal.
 */
export function VideoPreview({ url, probe }: { url: string; probe: VideoProbe }) {
  const [playerDuration, setPlayerDuration] = useState<number | undefined>(undefined);
  const [playError, setPlayError] = useState<string | undefined>(undefined);
  return (
    <div className="video-preview" data-testid="video-preview">
      <video
        src={url}
        controls
        preload="metadata"
        data-testid="video-player"
        onLoadedMetadata={(e) => setPlayerDuration(e.currentTarget.duration)}
        onError={() => setPlayError('this browser cannot play the file (the facts below still come from ffprobe)')}
      />
      {playError && <p className="muted">{playError}</p>}
      <FactList testId="video-facts" facts={[
        ['Duration', <span key="d" data-testid="video-duration" data-seconds={probe.durationSeconds ?? ''}>{formatDuration(probe.durationSeconds)}{probe.durationSource === 'packets' ? ' (from packets)' : ''}</span>],
        ['Player', playerDuration !== undefined && Number.isFinite(playerDuration)
          ? <span key="p" data-testid="player-duration" data-seconds={playerDuration}>{formatDuration(playerDuration)}</span> : null],
        ['Size', `${probe.width} × ${probe.height}${probe.rotation ? ` (rotated ${probe.rotation}°)` : ''}`],
        ['Codec', [probe.codec, probe.profile, probe.pixelFormat].filter(Boolean).join(' · ')],
        ['Container', probe.container],
        ['Frame rate', probe.fps !== null ? `${probe.fps.toFixed(3)} fps` : null],
        ['Frames', probe.frameCount !== null ? String(probe.frameCount) : null],
        ['Bit rate', probe.bitRate !== null ? `${(probe.bitRate / 1000).toFixed(0)} kbit/s` : null],
        ['Created', probe.creationTime ? formatTime(probe.creationTime) : null],
        ['Audio', probe.hasAudio ? probe.audioCodec ?? 'yes' : 'none'],
      ]} />
    </div>
  );
}
