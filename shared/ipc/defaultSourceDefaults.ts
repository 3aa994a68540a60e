import type { SourceDefaults } from './viewModels';

/** What a drop or a new watched folder gets unless the person says otherwise: no set, a session per recording, bags indexed. */
export const DEFAULT_SOURCE_DEFAULTS: SourceDefaults = {
  setName: null, sessionMode: 'per_recording', sessionName: null, sensorRule: null, sensor: null, indexBags: true,
};
