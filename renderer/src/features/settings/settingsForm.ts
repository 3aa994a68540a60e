import type { CommandRequest } from '../../../../shared/ipc/contract';
import type { SettingsView } from '../../../../shared/ipc/viewModels';

const MiB = 1024 * 1024;

/** The Settings form's fields as a person types them (sizes in MiB, an empty token = keep the stored one). */
export interface SettingsFormValues {
  engineMode: SettingsView['engineMode'];
  engineUrl: string;
  engineToken: string;
  concurrency: string;
  partSizeMiB: string;
  bandwidthMiBps: string;
  theme: SettingsView['theme'];
}

export function formValuesOf(settings: SettingsView): SettingsFormValues {
  return {
    engineMode: settings.engineMode,
    engineUrl: settings.engineUrl ?? '',
    engineToken: '',
    concurrency: String(settings.concurrency),
    partSizeMiB: String(settings.partSize / MiB),
    bandwidthMiBps: settings.bandwidthLimit ? String(settings.bandwidthLimit / MiB) : '0',
    theme: settings.theme,
  };
}

/**
 * The updateSettings request for the form, or the first problem a person can fix. The service
 * validates again (the contract's schema); this only turns typed text into the contract's units.
 */
export function settingsRequest(values: SettingsFormValues): { request: CommandRequest<'updateSettings'> } | { problem: string } {
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) return { problem: 'Concurrency must be a whole number from 1 to 32.' };
  const partSizeMiB = Number(values.partSizeMiB);
  if (!Number.isFinite(partSizeMiB) || partSizeMiB < 5 || partSizeMiB > 1024) return { problem: 'Part size must be 5 to 1024 MiB.' };
  const bandwidth = Number(values.bandwidthMiBps);
  if (!Number.isFinite(bandwidth) || bandwidth < 0) return { problem: 'Bandwidth limit must be 0 (unlimited) or more MiB/s.' };
  const url = values.engineUrl.trim();
  if (values.engineMode === 'remote') {
    if (!/^https?:\/\/[^/\s]+/.test(url)) return { problem: 'A remote engine needs its URL (http:// or https://).' };
  }
  return {
    request: {
      engineMode: values.engineMode,
      engineUrl: values.engineMode === 'remote' ? url : (url || null),
      ...(values.engineToken ? { engineToken: values.engineToken } : {}),
      concurrency,
      partSize: Math.round(partSizeMiB * MiB),
      bandwidthLimit: Math.round(bandwidth * MiB),
      theme: values.theme,
    },
  };
}
